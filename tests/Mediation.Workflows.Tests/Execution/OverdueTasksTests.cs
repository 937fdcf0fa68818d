using Mediation.Workflows.Execution;
using Mediation.Workflows.Journal;
using static Mediation.Workflows.Tests.TestEngine;

namespace Mediation.Workflows.Tests.Execution;

public sealed class OverdueTasksTests
{
    [Fact]
    public async Task MarkOverdueTasksAsync_FlagsTaskOnce_WhenClockPassesDueDate()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync("TestData/task-assignment.bpmn");
        var started = await engine.StartAsync("TaskAssignment", variables: Variables(("mediator", "fozzie"), ("caseNo", "XT-0046")));
        var ct = TestContext.Current.CancellationToken;

        engine.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await engine.Engine.MarkOverdueTasksAsync(ct));

        engine.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await engine.Engine.MarkOverdueTasksAsync(ct));
        Assert.Equal(0, await engine.Engine.MarkOverdueTasksAsync(ct));

        var task = await engine.SingleOpenTaskAsync(started.Id, "Task_Mediate");
        Assert.True(task.IsOverdue);
        var overdue = Assert.Single(await engine.JournalAsync(started.Id), e => e.Kind == JournalKinds.TaskOverdue);
        Assert.Equal("Task_Mediate", overdue.ElementId);
        Assert.Equal(DefaultStart.AddDays(1).AddSeconds(1), overdue.At);
    }

    [Fact]
    public async Task Task_IsDueSoonWithinADayOfItsDueDate_ThenOverdue()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync("TestData/task-assignment.bpmn");
        var started = await engine.StartAsync("TaskAssignment", variables: Variables(("mediator", "fozzie"), ("caseNo", "XT-0048")));

        var fresh = await engine.SingleOpenTaskAsync(started.Id, "Task_Mediate");
        engine.Clock.Advance(TimeSpan.FromHours(1));
        var soon = await engine.SingleOpenTaskAsync(started.Id, "Task_Mediate");
        engine.Clock.Advance(TimeSpan.FromDays(1));
        var late = await engine.SingleOpenTaskAsync(started.Id, "Task_Mediate");

        Assert.Equal((false, false), (fresh.IsDueSoon, fresh.IsOverdue));   // due in exactly a day: not yet
        Assert.Equal((true, false), (soon.IsDueSoon, soon.IsOverdue));
        Assert.Equal((false, true), (late.IsDueSoon, late.IsOverdue));
    }

    [Fact]
    public async Task Task_IsDueSoonOnceItsFollowUpDateHasCome()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync("""
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                         id="Defs_FollowUp" targetNamespace="https://mediation.example/test">
              <process id="FollowUp" isExecutable="true">
                <startEvent id="Start" />
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Visit" />
                <userTask id="Task_Visit" camunda:followUpDate="P3D" camunda:dueDate="P10D" />
              </process>
            </definitions>
            """);
        var started = await engine.StartAsync("FollowUp");

        engine.Clock.Advance(TimeSpan.FromDays(2));
        Assert.False((await engine.SingleOpenTaskAsync(started.Id, "Task_Visit")).IsDueSoon);
        engine.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True((await engine.SingleOpenTaskAsync(started.Id, "Task_Visit")).IsDueSoon);
    }

    [Fact]
    public async Task ListTasksAsync_ListsOnlyOverdueTasks_WhenOverdueOnlyIsAsked()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync("TestData/task-assignment.bpmn");
        await engine.DeployAsync("TestData/two-step-review.bpmn");
        var late = await engine.StartAsync("TaskAssignment", variables: Variables(("mediator", "fozzie"), ("caseNo", "XT-0047")));
        await engine.StartAsync("TwoStepReview");
        engine.Clock.Advance(TimeSpan.FromDays(2));

        var overdue = await engine.Engine.ListTasksAsync(new TaskQuery { SeeAll = true, OverdueOnly = true }, TestContext.Current.CancellationToken);

        var task = Assert.Single(overdue);
        Assert.Equal(late.Id, task.InstanceId);
        Assert.True(task.IsOverdue);
    }
}
