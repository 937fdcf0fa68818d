using System.Text;
using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Bpmn.Validation;

namespace Mediation.Workflows.Definitions;

/// <summary>Everything that decides whether a BPMN file is deployable: reading, validation and the executable subset.</summary>
public sealed class DefinitionChecker(BpmnValidator validator)
{
    public IReadOnlyList<Finding> Check(byte[] content) => Check(content, out _);

    internal IReadOnlyList<Finding> Check(byte[] content, out BpmnDocument document)
    {
        document = BpmnReader.Read(content);
        var findings = validator.Validate(document).ToList();
        if (findings.All(f => f.Severity != Severity.Error)) findings.AddRange(ExecutableSubset.Check(document));
        return findings;
    }

    /// <summary>The stored text of a file that passed the checks: strict UTF-8, as BPMN tools write it.</summary>
    internal static string? DecodeUtf8(byte[] content, out Finding? finding)
    {
        finding = null;
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            finding = Finding.Error("encoding", "The file must be encoded in UTF-8.", null, new(1, 1));
            return null;
        }
    }
}
