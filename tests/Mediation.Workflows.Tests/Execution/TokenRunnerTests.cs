using System.Text.Json.Nodes;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Journal;
using static Mediation.Workflows.Tests.TestEngine;

namespace Mediation.Workflows.Tests.Execution;

public sealed class TokenRunnerTests
{
    [Theory]
    [InlineData(250, "Task_TownReview")]
    [InlineData(101, "Task_TownReview")]
    [InlineData(100, "Task_VillageReview")]
    [InlineData(20, "Task_VillageReview")]
    public async Task Leave_TakesFlowWhoseConditionHolds_WhenTaskHasConditionalOutgoingFlows(int amount, string expected)
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync("TestData/amount-routing.bpmn");
        var started = await engine.StartAsync("AmountRouting");
        var assess = await engine.SingleOpenTaskAsync(started.Id, "Task_Assess");

        await engine.CompleteAsync(assess.Id, "gonzo", Variables(("amount", amount)));

        Assert.Equal([expected], (await engine.InstanceAsync(started.Id)).Waiting);
        Assert.Equal([expected], (await engine.OpenTasksAsync(started.Id)).Select(t => t.ElementId));
    }

    [Fact]
    public async Task Leave_ForksToEveryTarget_WhenElementHasSeveralUnconditionalFlows()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync("TestData/offered-tasks.bpmn");

        var started = await engine.StartAsync("OfferedTasks");

        Assert.Equal(["Task_Assigned", "Task_Offered", "Task_PotentialOwner"], (await engine.InstanceAsync(started.Id)).Waiting.Order());
        Assert.Equal(3, (await engine.OpenTasksAsync(started.Id)).Count);
    }

    [Fact]
    public async Task Run_CompletesInstance_WhenLastTokenLeavesTaskWithoutOutgoingFlow()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync("TestData/amount-routing.bpmn");
        var started = await engine.StartAsync("AmountRouting");
        await engine.CompleteAsync((await engine.SingleOpenTaskAsync(started.Id, "Task_Assess")).Id, variables: Variables(("amount", 5)));

        await engine.CompleteAsync((await engine.SingleOpenTaskAsync(started.Id, "Task_VillageReview")).Id);

        var instance = await engine.InstanceAsync(started.Id);
        Assert.Equal("Completed", instance.Status);
        Assert.NotNull(instance.EndedAt);
        Assert.Equal(JournalKinds.InstanceCompleted, (await engine.JournalAsync(started.Id))[^1].Kind);
    }

    [Fact]
    public async Task Run_PassesThroughNoneAndManualTasksAndThrowEvents_WhenTheyHaveNoWaitState()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(BpmnText.Process("PassThrough", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Note"/>
                <task id="Task_Note"/>
                <sequenceFlow id="f2" sourceRef="Task_Note" targetRef="Task_Phone"/>
                <manualTask id="Task_Phone"/>
                <sequenceFlow id="f3" sourceRef="Task_Phone" targetRef="Throw_Milestone"/>
                <intermediateThrowEvent id="Throw_Milestone"/>
                <sequenceFlow id="f4" sourceRef="Throw_Milestone" targetRef="Task_Sign"/>
                <userTask id="Task_Sign"/>
            """));

        var started = await engine.StartAsync("PassThrough");

        Assert.Equal(["Task_Sign"], started.Waiting);
        var entered = (await engine.JournalAsync(started.Id)).Where(e => e.Kind == JournalKinds.ElementEntered).Select(e => e.ElementId);
        Assert.Equal(["Start", "Task_Note", "Task_Phone", "Throw_Milestone", "Task_Sign"], entered);
    }

    [Fact]
    public async Task Run_StopsInsteadOfSpinning_WhenLoopHasNoWaitState()
    {
        await using var engine = await CreateAsync();
        var deployment = await engine.DeployAsync(BpmnText.Process("Spin", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_A"/>
                <task id="Task_A"/>
                <sequenceFlow id="f2" sourceRef="Task_A" targetRef="Task_B"/>
                <task id="Task_B"/>
                <sequenceFlow id="f3" sourceRef="Task_B" targetRef="Task_A"/>
            """));
        Assert.Contains(deployment.Findings, f => f.Code == "cycle-without-wait-state");

        var started = await engine.StartAsync("Spin");

        var incident = Assert.Single(await engine.Engine.ListIncidentsAsync(started.Id, TestContext.Current.CancellationToken));
        Assert.Equal("StepLimit", incident.Kind);
        Assert.Contains(incident.ElementId, new[] { "Task_A", "Task_B" });
        Assert.Equal("Running", (await engine.InstanceAsync(started.Id)).Status);
    }

    [Fact]
    public async Task Leave_RaisesIncident_WhenConditionNamesMissingVariable()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync("TestData/amount-routing.bpmn");
        var started = await engine.StartAsync("AmountRouting");
        var assess = await engine.SingleOpenTaskAsync(started.Id, "Task_Assess");

        await engine.CompleteAsync(assess.Id, variables: Variables(("other", JsonValue.Create(1))));

        var incident = Assert.Single(await engine.Engine.ListIncidentsAsync(started.Id, TestContext.Current.CancellationToken));
        Assert.Equal(("Task_Assess", "Expression"), (incident.ElementId, incident.Kind));

        Assert.Empty((await engine.InstanceAsync(started.Id)).Waiting);
        Assert.Equal("Completed", (await engine.Engine.GetTaskAsync(assess.Id, TestContext.Current.CancellationToken))!.Status);
    }

    [Fact]
    public async Task ScriptTask_SetsProcessVariablesAndMovesOn_WhenScriptIsJavaScript()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(BpmnText.Process("Scripted", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Total"/>
                <scriptTask id="Task_Total" scriptFormat="JavaScript"><script>total = amount * 2; execution.setVariable('checked', true);</script></scriptTask>
                <sequenceFlow id="f2" sourceRef="Task_Total" targetRef="Task_Review"/>
                <userTask id="Task_Review"/>
            """));

        var started = await engine.StartAsync("Scripted", variables: Variables(("amount", JsonValue.Create(21))));

        Assert.Equal(["Task_Review"], started.Waiting);
        Assert.Equal(42, started.Variables["total"]!.GetValue<double>());
        Assert.True(started.Variables["checked"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ScriptTask_RaisesIncident_WhenScriptLoopsForever()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(BpmnText.Process("Runaway", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Spin"/>
                <scriptTask id="Task_Spin" scriptFormat="javascript"><script>while (true) {}</script></scriptTask>
            """));

        var started = await engine.StartAsync("Runaway");

        var incident = Assert.Single(await engine.Engine.ListIncidentsAsync(started.Id, TestContext.Current.CancellationToken));
        Assert.Equal(("Task_Spin", "Expression"), (incident.ElementId, incident.Kind));
    }
}
