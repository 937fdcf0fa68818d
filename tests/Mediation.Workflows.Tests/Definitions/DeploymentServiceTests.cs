using System.Text;
using static Mediation.Workflows.Tests.TestEngine;

namespace Mediation.Workflows.Tests.Definitions;

public sealed class DeploymentServiceTests
{
    private static readonly string VersionOne = BpmnText.Process("Intake", """
            <startEvent id="Start"/>
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Register"/>
            <userTask id="Task_Register"/>
            <sequenceFlow id="f2" sourceRef="Task_Register" targetRef="End"/>
            <endEvent id="End"/>
        """);

    // Version 2 adds a check after registering, so an instance shows which graph it runs on.
    private static readonly string VersionTwo = BpmnText.Process("Intake", """
            <startEvent id="Start"/>
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Register"/>
            <userTask id="Task_Register"/>
            <sequenceFlow id="f2" sourceRef="Task_Register" targetRef="Task_CheckIdentity"/>
            <userTask id="Task_CheckIdentity"/>
            <sequenceFlow id="f3" sourceRef="Task_CheckIdentity" targetRef="End"/>
            <endEvent id="End"/>
        """);

    [Fact]
    public async Task DeployAsync_StoresVersionOne_WhenKeyIsNew()
    {
        await using var engine = await CreateAsync();

        var result = await engine.DeployAsync(VersionOne);

        Assert.True(result.IsNew);
        Assert.Equal("Intake", result.Definition!.Key);
        Assert.Equal(1, result.Definition.Version);
        Assert.Equal(DefaultStart, result.Definition.DeployedAt);
        Assert.Equal(VersionOne, result.Definition.Xml);
    }

    [Fact]
    public async Task DeployAsync_KeepsTheSameVersion_WhenXmlIsIdentical()
    {
        await using var engine = await CreateAsync();
        var first = await engine.DeployAsync(VersionOne);

        var second = await engine.DeployAsync(VersionOne);

        Assert.False(second.IsNew);
        Assert.Equal(first.Definition!.Id, second.Definition!.Id);
        Assert.Equal(1, second.Definition.Version);
        Assert.Single(await engine.Engine.ListDefinitionsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DeployAsync_AddsVersionTwo_WhenXmlChanges()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(VersionOne);

        var second = await engine.DeployAsync(VersionTwo);

        Assert.True(second.IsNew);
        Assert.Equal(2, second.Definition!.Version);
        Assert.Equal([2, 1], (await engine.Engine.ListDefinitionsAsync(TestContext.Current.CancellationToken)).Select(d => d.Version));
    }

    [Fact]
    public async Task StartAsync_KeepsInstanceOnItsVersion_WhenNewVersionIsDeployedLater()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(VersionOne);
        var old = await engine.StartAsync("Intake");

        await engine.DeployAsync(VersionTwo);
        var fresh = await engine.StartAsync("Intake");
        await engine.CompleteAsync((await engine.SingleOpenTaskAsync(old.Id, "Task_Register")).Id);
        await engine.CompleteAsync((await engine.SingleOpenTaskAsync(fresh.Id, "Task_Register")).Id);

        var oldNow = await engine.InstanceAsync(old.Id);
        Assert.Equal(1, oldNow.DefinitionVersion);
        Assert.Equal("Completed", oldNow.Status);
        var freshNow = await engine.InstanceAsync(fresh.Id);
        Assert.Equal(2, freshNow.DefinitionVersion);
        Assert.Equal(["Task_CheckIdentity"], freshNow.Waiting);
    }

    [Fact]
    public async Task CompleteTaskAsync_RunsTheInstancesVersion_WhenModelIsLoadedFromTheDatabase()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(VersionOne);
        var old = await engine.StartAsync("Intake");
        await engine.DeployAsync(VersionTwo);
        await using var restarted = await engine.RestartedAsync();   // has parsed neither version

        await restarted.CompleteAsync((await restarted.SingleOpenTaskAsync(old.Id, "Task_Register")).Id);

        var instance = await restarted.InstanceAsync(old.Id);
        Assert.Equal(1, instance.DefinitionVersion);
        Assert.Equal("Completed", instance.Status);
    }

    [Fact]
    public async Task DeployAsync_KeepsTheSameVersion_WhenIdenticalXmlIsDeployedAfterRestart()
    {
        await using var engine = await CreateAsync();
        var first = await engine.DeployAsync(VersionOne);
        await using var restarted = await engine.RestartedAsync();

        var again = await restarted.DeployAsync(VersionOne);

        Assert.False(again.IsNew);
        Assert.Equal(first.Definition!.Id, again.Definition!.Id);
    }

    [Fact]
    public async Task DeployAsync_RefusesWithFindings_WhenDefinitionHasErrors()
    {
        await using var engine = await CreateAsync();
        var broken = BpmnText.Process("Broken", """
                <startEvent id="Start"/>
                <sequenceFlow id="Flow_Dangling" sourceRef="Start" targetRef="Task_Missing"/>
            """);

        var result = await engine.Engine.DeployAsync(Encoding.UTF8.GetBytes(broken), "broken.bpmn", TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.False(result.IsNew);
        Assert.Contains(result.Findings, f => f.Code == "flow-target-missing" && f.ElementId == "Flow_Dangling");
        Assert.Empty(await engine.Engine.ListDefinitionsAsync(TestContext.Current.CancellationToken));
    }
}
