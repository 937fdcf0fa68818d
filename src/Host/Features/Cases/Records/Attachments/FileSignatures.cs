using System.IO.Compression;
using System.Text;

namespace Mediation.Host.Features.Cases.Records.Attachments;

/// <summary>A file type the case file accepts, as its content shows it, and the name endings that go with it.</summary>
public sealed record FileType(string Label, string ContentType, IReadOnlyList<string> Extensions);

/// <summary>
/// Tells a file's type by its content, never by its name: PDF, JPEG and PNG by their magic numbers, DOCX and XLSX as zip
/// archives holding the parts of a Word document or Excel workbook (macro-enabled ones refused), plain text as strict
/// UTF-8 without control characters. Anything else is refused. The archive's directory is read, nothing is inflated.
/// </summary>
public static class FileSignatures
{
    public static readonly FileType Pdf = new("PDF", "application/pdf", [".pdf"]);
    public static readonly FileType Jpeg = new("JPEG image", "image/jpeg", [".jpg", ".jpeg"]);
    public static readonly FileType Png = new("PNG image", "image/png", [".png"]);
    public static readonly FileType Docx = new("Word document (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"]);
    public static readonly FileType Xlsx = new("Excel workbook (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"]);
    public static readonly FileType Text = new("plain text", "text/plain; charset=utf-8", [".txt"]);

    public const string Allowed = "PDF, JPEG, PNG, DOCX, XLSX or plain UTF-8 text";

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The file's type, or null with the reason it is refused. <paramref name="content"/> must be seekable; it is left at position 0.</summary>
    public static (FileType? Type, string? Problem) Detect(Stream content)
    {
        content.Position = 0;
        var head = new byte[8];
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        var start = head.AsSpan(0, read);
        if (start.StartsWith(PdfMagic)) return (Pdf, null);
        if (start.StartsWith(JpegMagic)) return (Jpeg, null);
        if (start.StartsWith(PngMagic)) return (Png, null);
        if (start.StartsWith(ZipMagic)) return OfficeDocument(content);
        return IsPlainText(content) ? (Text, null) : (null, $"the content is not {Allowed}");
    }

    private static (FileType?, string?) OfficeDocument(Stream content)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
                return (null, "the document holds macros (vbaProject.bin); save it as a plain .docx or .xlsx");
            if (!names.Contains("[Content_Types].xml")) return (null, "a zip archive that is not a Word or Excel document; only DOCX and XLSX are accepted as archives");
            if (names.Contains("word/document.xml")) return (Docx, null);
            if (names.Contains("xl/workbook.xml")) return (Xlsx, null);
            return (null, "an Office archive that is neither a Word document (word/document.xml) nor an Excel workbook (xl/workbook.xml)");
        }
        catch (InvalidDataException)
        {
            return (null, "the content starts like a zip archive but does not read as one");
        }
        finally
        {
            content.Position = 0;
        }
    }

    private static bool IsPlainText(Stream content)
    {
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        content.Position = 0;
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[Encoding.UTF8.Preamble.Length..];
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        // Binary formats nobody listed (executables, archives) show NULs and control bytes; text has at most tabs, line and page breaks.
        return !text.Any(c => c is < ' ' and not ('\t' or '\n' or '\r' or '\f') || c == '\u007F');
    }
}
