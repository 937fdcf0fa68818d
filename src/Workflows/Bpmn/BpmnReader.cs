using System.Xml;
using System.Xml.Linq;
using Mediation.Workflows.Bpmn.Validation;

namespace Mediation.Workflows.Bpmn;

/// <summary>
/// Reads BPMN 2.0 XML into <see cref="ProcessModel"/>s. Hostile input is refused, not expanded: DTDs and
/// entities are prohibited, the size and the nesting depth are bounded, and nothing named in the file is opened.
/// </summary>
public static class BpmnReader
{
    public const string ModelNamespace = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public const string CamundaNamespace = "http://camunda.org/schema/1.0/bpmn";
    public const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Largest file accepted; a real process is a few hundred kilobytes at most.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>Deepest XML nesting accepted before the document is refused (a guard for every recursive walk).</summary>
    public const int MaxXmlDepth = 256;

    public static BpmnDocument Read(string xml) => Read(System.Text.Encoding.UTF8.GetBytes(xml));

    public static BpmnDocument Read(byte[] content)
    {
        var findings = new List<Finding>();
        if (content.Length == 0 || content.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            findings.Add(Finding.Error("xml-empty", "The file is empty: no root element.", null, new(1, 1)));
            return new BpmnDocument([], findings);
        }
        if (content.Length > MaxBytes)
        {
            findings.Add(Finding.Error("too-large",
                $"The definition is {content.Length:N0} bytes, larger than the accepted {MaxBytes:N0} bytes.", null, new(1, 1)));
            return new BpmnDocument([], findings);
        }

        var document = Load(content, findings);
        if (document?.Root is null) return new BpmnDocument([], findings);

        var root = document.Root;
        if (root.Name.Namespace != ModelNamespace)
        {
            findings.Add(Finding.Error("not-bpmn",
                $"Not a BPMN 2.0 document (expected namespace '{ModelNamespace}', found '{root.Name.NamespaceName}').",
                (string?)root.Attribute("id"), PositionOf(root)));
            return new BpmnDocument([], findings);
        }
        if (root.Name.LocalName != "definitions")
        {
            findings.Add(Finding.Error("wrong-root",
                $"The root element must be 'definitions' in the BPMN 2.0 model namespace, not '{root.Name.LocalName}'.",
                (string?)root.Attribute("id"), PositionOf(root)));
            return new BpmnDocument([], findings);
        }

        var context = new ReadContext(root, findings);
        var processes = root.Elements(BpmnName("process")).Select(context.ReadProcess).ToList();
        return new BpmnDocument(processes, findings);
    }

    private static XDocument? Load(byte[] content, List<Finding> findings)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = MaxBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            // A first streaming pass checks well-formedness and depth before anything builds a tree.
            using (var scan = XmlReader.Create(new MemoryStream(content, writable: false), settings))
            {
                while (scan.Read())
                {
                    if (scan.Depth > MaxXmlDepth)
                    {
                        var info = (IXmlLineInfo)scan;
                        throw new DepthExceededException(info.LineNumber, info.LinePosition);
                    }
                }
            }
            using var reader = XmlReader.Create(new MemoryStream(content, writable: false), settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(Finding.Error("dtd-forbidden",
                "A DTD (DOCTYPE or entity declaration) is not allowed in a BPMN file.", null,
                e.LineNumber > 0 ? new(e.LineNumber, e.LinePosition) : PositionOfDoctype(content)));
        }
        catch (XmlException e)
        {
            findings.Add(Finding.Error("xml-malformed", $"Not well-formed XML: {StripPosition(e.Message)}", null,
                new(Math.Max(e.LineNumber, 1), Math.Max(e.LinePosition, 1))));
        }
        catch (DepthExceededException e)
        {
            findings.Add(Finding.Error("too-deep",
                $"The XML is nested deeper than {MaxXmlDepth} levels.", null, new(e.Line, e.Column)));
        }
        return null;
    }

    // The reader refuses a DOCTYPE before it tracks a position; point at the declaration itself.
    private static SourcePosition PositionOfDoctype(byte[] content)
    {
        var marker = "<!DOCTYPE"u8;
        var at = content.AsSpan().IndexOf(marker);
        if (at < 0) return new(1, 1);
        var before = content.AsSpan(0, at);
        var line = before.Count((byte)'\n') + 1;
        var column = at - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return new(line, column);
    }

    private static string StripPosition(string message)
    {
        var at = message.IndexOf(" Line ", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }

    internal static XName BpmnName(string localName) => XName.Get(localName, ModelNamespace);

    internal static SourcePosition PositionOf(XObject node)
        => node is IXmlLineInfo info && info.HasLineInfo() ? new(info.LineNumber, info.LinePosition) : SourcePosition.None;

    private sealed class DepthExceededException(int line, int column) : Exception
    {
        public int Line { get; } = line;
        public int Column { get; } = column;
    }
}
