namespace Mediation.Workflows.Tests;

/// <summary>
/// The shared conformance corpus (<c>shared/conformance</c>), which lives beside the repository, not in it.
/// Missing locally, a test skips; missing on CI (<c>CI=true</c>), it fails, so CI never goes green by skipping.
/// </summary>
internal static class ConformanceFiles
{
    private static readonly Lazy<string?> Root = new(Locate);

    /// <summary>The folder <c>shared/conformance/<paramref name="folder"/></c>, or a skip (a failure on CI) when it is not there.</summary>
    public static string Folder(string folder)
    {
        if (Root.Value is { } root && Directory.Exists(Path.Combine(root, folder))) return Path.Combine(root, folder);
        var reason = $"shared/conformance/{folder} was not found in any folder above {AppContext.BaseDirectory}.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason + " CI must run beside shared/.");
        }
        Assert.Skip(reason);
        return null!;   // not reached: Assert.Skip throws
    }

    private static string? Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "conformance");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
