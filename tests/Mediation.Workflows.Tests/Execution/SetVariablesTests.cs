using System.Text.Json.Nodes;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Journal;
using static Mediation.Workflows.Tests.TestEngine;

namespace Mediation.Workflows.Tests.Execution;

public sealed class SetVariablesTests
{
    private const string TwoStep = "TestData/two-step-review.bpmn";

    [Fact]
    public async Task SetVariablesAsync_SetsAndJournalsOnce_WhenCalledTwiceWithTheSameValues()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(TwoStep);
        var started = await engine.StartAsync("TwoStepReview", businessKey: "XT-0001");
        var ct = TestContext.Current.CancellationToken;
        var variables = new Dictionary<string, JsonNode?> { ["agreementForm"] = "written", ["performanceDue"] = "2026-04-30T23:59:59.999+08:00" };

        var first = await engine.Engine.SetVariablesAsync(started.Id, variables, "li.village", ct);
        var second = await engine.Engine.SetVariablesAsync(started.Id, variables, "li.village", ct);

        Assert.Equal(InstanceCommandOutcome.Done, first);
        Assert.Equal(InstanceCommandOutcome.Done, second);
        var instance = await engine.InstanceAsync(started.Id);
        Assert.Equal("written", instance.Variables["agreementForm"]!.GetValue<string>());
        Assert.Equal(["Task_Review"], instance.Waiting);
        var changes = (await engine.JournalAsync(started.Id)).Where(e => e.Kind == JournalKinds.VariableChanged && e.ElementId is null).ToList();
        Assert.Equal(2, changes.Count);
        Assert.All(changes, e => Assert.Equal("li.village", e.Actor));
    }

    [Fact]
    public async Task SetVariablesAsync_AnswersNotFoundOrAlreadyEnded_WhenNoRunningInstance()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(TwoStep);
        var started = await engine.StartAsync("TwoStepReview");
        var ct = TestContext.Current.CancellationToken;
        await engine.Engine.CancelInstanceAsync(started.Id, "admin", ct);
        var variables = new Dictionary<string, JsonNode?> { ["x"] = 1 };

        Assert.Equal(InstanceCommandOutcome.NotFound, await engine.Engine.SetVariablesAsync(Guid.NewGuid(), variables, "admin", ct));
        Assert.Equal(InstanceCommandOutcome.AlreadyEnded, await engine.Engine.SetVariablesAsync(started.Id, variables, "admin", ct));
    }
}
