using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Mediation.Host.Features.Cases.Records.Attachments;

/// <summary><c>Mediation:Attachments</c>: where case files are stored and how large one may be.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Mediation:Attachments";

    /// <summary>The folder for the files, relative to the directory the app runs from (as the SQLite file); never under wwwroot.</summary>
    public string Path { get; set; } = "data/attachments";

    /// <summary>The largest file accepted, in bytes (10 MB).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>
/// The files on disk. Each is written under 32 random hex digits in one folder, so no name a client sends ever reaches
/// the file system, and a stored name that does not look like that is refused before any path is built from it.
/// </summary>
public sealed partial class AttachmentStore(IOptions<AttachmentOptions> options)
{
    private readonly string root = System.IO.Path.GetFullPath(options.Value.Path);

    public long MaxBytes => options.Value.MaxBytes;

    /// <summary>Writes <paramref name="content"/> under a new random name; returns that name and the content's SHA-256 (hex).</summary>
    public async Task<(string StoredName, string Sha256)> WriteAsync(Stream content, CancellationToken ct)
    {
        Directory.CreateDirectory(root);
        var name = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var path = PathOf(name);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await CopyAsync(content, path, sha, ct);
        }
        catch
        {
            Delete(name);   // written in part or not at all: no file without its row
            throw;
        }
        return (name, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    private static async Task CopyAsync(Stream content, string path, IncrementalHash sha, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        int read;
        content.Position = 0;
        while ((read = await content.ReadAsync(buffer, ct)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        await file.FlushAsync(ct);
    }

    /// <summary>The stored file for reading, or null when it is not there.</summary>
    public Stream? Open(string storedName)
    {
        var path = PathOf(storedName);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    public void Delete(string storedName)
    {
        var path = PathOf(storedName);
        if (File.Exists(path)) File.Delete(path);
    }

    private string PathOf(string storedName)
    {
        if (!StoredNamePattern().IsMatch(storedName)) throw new InvalidOperationException($"'{storedName}' is not a stored attachment name");
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, storedName));
        // Belt and braces: a name of 32 hex digits cannot leave the folder, and this proves it never does.
        if (!path.StartsWith(root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException("An attachment path left the attachments folder");
        return path;
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex StoredNamePattern();
}
