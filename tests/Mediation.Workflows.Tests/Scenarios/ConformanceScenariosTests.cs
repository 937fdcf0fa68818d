using Mediation.Workflows.Scenarios;

namespace Mediation.Workflows.Tests.Scenarios;

/// <summary>
/// shared/conformance: every scenario of the corpus (malformed/ has none; it is for validate) runs through
/// <see cref="ScenarioRunner"/>, one test each. The corpus lives beside the repository: missing locally the test
/// skips, missing on CI it fails (<see cref="ConformanceFiles"/>).
/// </summary>
public sealed class ConformanceScenariosTests
{
    private const string CorpusMissing = "(corpus missing)";

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        if (Corpus() is not { } corpus)
        {
            // One row that skips (or fails on CI) through ConformanceFiles, rather than a theory without data.
            data.Add(CorpusMissing);
            return data;
        }
        foreach (var file in ScenarioRunner.Expand(corpus))
        {
            var relative = Path.GetRelativePath(corpus, file).Replace('\\', '/');
            if (!relative.StartsWith("malformed/", StringComparison.Ordinal)) data.Add(relative);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario_Passes(string scenario)
    {
        var folder = ConformanceFiles.Folder(scenario == CorpusMissing ? "" : Path.GetDirectoryName(scenario)!);

        var result = await ScenarioRunner.RunAsync(Path.Combine(folder, Path.GetFileName(scenario)),
            ct: TestContext.Current.CancellationToken);

        Assert.True(result.Passed, result.Divergence);
    }

    // The same walk as ConformanceFiles, but without asserting: MemberData runs at discovery, where a skip cannot.
    private static string? Corpus()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "conformance");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
