using Mediation.Workflows.Scenarios;

namespace Mediation.Host.Cli;

/// <summary><c>scenario &lt;file.yaml|folder&gt;...</c>: PASS/FAIL per scenario, then <c>N passed, M failed</c>; exit 0 only when all pass.</summary>
public static class ScenarioVerb
{
    public static async Task<int> RunAsync(IReadOnlyList<string> paths, TextWriter output, TextWriter error)
    {
        if (paths.Count == 0)
        {
            error.WriteLine("usage: scenario <file.yaml|folder> [<file.yaml|folder>...]");
            return 2;
        }
        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        foreach (var path in missing) error.WriteLine($"scenario: '{path}' is neither a file nor a folder");
        if (missing.Count > 0) return 2;

        int passed = 0, failed = 0;
        foreach (var file in paths.SelectMany(ScenarioRunner.Expand))
        {
            var result = await ScenarioRunner.RunAsync(file);
            output.WriteLine(result.Line);
            if (result.Passed) passed++; else failed++;
        }
        output.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
