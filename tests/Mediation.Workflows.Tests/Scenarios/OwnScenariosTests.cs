using Mediation.Workflows.Scenarios;

namespace Mediation.Workflows.Tests.Scenarios;

/// <summary>
/// The engine's own scenario suite: every *.yaml in this folder runs through <see cref="ScenarioRunner"/>, one test each.
/// The files are read where they are in the source tree, not copied to the output.
/// </summary>
public sealed class OwnScenariosTests
{
    private const string ProjectFile = "Mediation.Workflows.Tests.csproj";
    private const string FolderMissing = "(Scenarios folder not found)";

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        if (Folder() is not { } folder)
        {
            // A row of its own, so the run fails with a reason instead of "no data".
            data.Add(FolderMissing);
            return data;
        }
        foreach (var file in ScenarioRunner.Expand(folder)) data.Add(Path.GetRelativePath(folder, file).Replace('\\', '/'));
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario_Passes(string scenario)
    {
        var folder = Folder();
        Assert.False(folder is null || scenario == FolderMissing,
            $"No folder above {AppContext.BaseDirectory} holds {ProjectFile} with a Scenarios folder beside it.");

        var result = await ScenarioRunner.RunAsync(Path.Combine(folder!, scenario), ct: TestContext.Current.CancellationToken);

        Assert.True(result.Passed, result.Divergence);
    }

    private static string? Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, ProjectFile)))
            {
                var scenarios = Path.Combine(directory.FullName, "Scenarios");
                return Directory.Exists(scenarios) ? scenarios : null;
            }
        }
        return null;
    }
}
