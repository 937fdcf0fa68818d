using Mediation.Host.Cli;

namespace Mediation.Host.Tests.Cli;

public sealed class VerbTests
{
    [Fact]
    public async Task Scenario_PassesEveryShippedScenario()
    {
        var output = new StringWriter();

        var exit = await ScenarioVerb.RunAsync([RepositoryPath("workflow-definitions")], output, new StringWriter());

        Assert.True(exit == 0, output.ToString());
        Assert.Matches(@"(?m)^[1-9]\d* passed, 0 failed$", output.ToString());
    }

    [Fact]
    public async Task Scenario_Exits2_WhenPathIsMissing()
    {
        var error = new StringWriter();

        var exit = await ScenarioVerb.RunAsync(["no/such/folder"], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains("no/such/folder", error.ToString());
    }

    [Fact]
    public void Validate_PrintsContractLine_WhenFileHasAnError()
    {
        var file = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():n}.bpmn");
        File.WriteAllText(file, """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="t">
              <process id="P" isExecutable="true">
                <startEvent id="Start" />
                <sequenceFlow id="Flow_Dangling" sourceRef="Start" targetRef="Nowhere" />
              </process>
            </definitions>
            """);
        var output = new StringWriter();

        var exit = ValidateVerb.Run([file], output, new StringWriter());

        Assert.Equal(1, exit);
        Assert.Contains($"{file}:5:6: error flow-target-missing: ", output.ToString());
        Assert.Contains("[Flow_Dangling]", output.ToString());
        File.Delete(file);
    }

    [Fact]
    public void Validate_Exits0_ForShippedDefinitions()
    {
        var files = Directory.GetFiles(RepositoryPath("workflow-definitions"), "*.bpmn");
        var output = new StringWriter();

        var exit = ValidateVerb.Run(files, output, new StringWriter());

        Assert.True(exit == 0, output.ToString());
    }

    [Fact]
    public void Validate_Exits2_WithoutFiles()
        => Assert.Equal(2, ValidateVerb.Run([], new StringWriter(), new StringWriter()));

    private static string RepositoryPath(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Mediation.sln"))) return candidate;
        }
        throw new DirectoryNotFoundException($"'{relative}' was not found above {AppContext.BaseDirectory}");
    }
}
