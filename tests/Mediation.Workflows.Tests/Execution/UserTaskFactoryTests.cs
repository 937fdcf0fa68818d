using Mediation.Workflows.Execution;
using Mediation.Workflows.Journal;
using static Mediation.Workflows.Tests.TestEngine;

namespace Mediation.Workflows.Tests.Execution;

public sealed class UserTaskFactoryTests
{
    private const string Assignment = "TestData/task-assignment.bpmn";

    [Fact]
    public async Task Create_ResolvesAssigneeFromVariable_WhenAssigneeIsAnExpression()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(Assignment);

        var started = await engine.StartAsync("TaskAssignment", variables: Variables(("mediator", "fozzie"), ("caseNo", "XT-0042")));

        var task = await engine.SingleOpenTaskAsync(started.Id, "Task_Mediate");
        Assert.Equal("fozzie", task.Assignee);
        Assert.Equal("Mediate case XT-0042", task.Name);
    }

    [Fact]
    public async Task Create_SplitsCandidatesAndReadsFormKeyAndPriority_WhenCamundaAttributesAreSet()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(Assignment);

        var started = await engine.StartAsync("TaskAssignment", variables: Variables(("mediator", "fozzie"), ("caseNo", "XT-0042")));

        var task = await engine.SingleOpenTaskAsync(started.Id, "Task_Mediate");
        Assert.Equal(["village-committee", "town-office"], task.CandidateGroups);
        Assert.Equal(["kermit"], task.CandidateUsers);
        Assert.Equal("mediation-record", task.FormKey);
        Assert.Equal(80, task.Priority);
    }

    [Fact]
    public async Task Create_LeavesTaskUnassigned_WhenAssigneeExpressionYieldsEmptyText()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(Assignment);

        var started = await engine.StartAsync("TaskAssignment", variables: Variables(("mediator", ""), ("caseNo", "XT-0043")));

        Assert.Null((await engine.SingleOpenTaskAsync(started.Id, "Task_Mediate")).Assignee);
    }

    [Fact]
    public async Task Create_SetsDueAtOneDayAfterCreation_WhenDueDateIsP1D()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(Assignment);
        engine.Clock.Advance(TimeSpan.FromMinutes(30));

        var started = await engine.StartAsync("TaskAssignment", variables: Variables(("mediator", "fozzie"), ("caseNo", "XT-0044")));

        var task = await engine.SingleOpenTaskAsync(started.Id, "Task_Mediate");
        Assert.Equal(DefaultStart.AddMinutes(30).AddDays(1), task.DueAt);
        Assert.Equal(DefaultStart.AddMinutes(30), task.CreatedAt);
        Assert.False(task.IsOverdue);
    }

    [Fact]
    public async Task Create_TakesDueDateAsGiven_WhenDueDateIsAnIsoDateTime()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(BpmnText.Process("FixedDue", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Hearing"/>
                <userTask id="Task_Hearing" camunda:dueDate="${hearingAt}" camunda:followUpDate="PT2H"/>
            """));

        var started = await engine.StartAsync("FixedDue", variables: Variables(("hearingAt", "2026-03-10T14:30:00+08:00")));

        var task = await engine.SingleOpenTaskAsync(started.Id, "Task_Hearing");
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 14, 30, 0, TimeSpan.FromHours(8)), task.DueAt);
        Assert.Equal(DefaultStart.AddHours(2), task.FollowUpAt);
    }

    [Theory]
    [InlineData("P9999999D")]      // reads as a duration, but lands past year 9999
    [InlineData("not a date")]
    public async Task Create_RaisesIncident_WhenDueDateCannotBeComputed(string dueDate)
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(BpmnText.Process("BadDue", $"""
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Hearing"/>
                <userTask id="Task_Hearing" camunda:dueDate="{dueDate}"/>
            """));

        var started = await engine.StartAsync("BadDue");

        var incident = Assert.Single(await engine.Engine.ListIncidentsAsync(started.Id, TestContext.Current.CancellationToken));
        Assert.Equal(("Task_Hearing", "Expression"), (incident.ElementId, incident.Kind));
        Assert.Empty(await engine.Engine.ListTasksAsync(new TaskQuery { SeeAll = true, InstanceId = started.Id }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Create_OffersTaskToPotentialOwners_WhenStandardPotentialOwnerIsUsed()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync("TestData/offered-tasks.bpmn");

        var started = await engine.StartAsync("OfferedTasks");

        var task = await engine.SingleOpenTaskAsync(started.Id, "Task_PotentialOwner");
        Assert.Equal(["town-office"], task.CandidateGroups);
        Assert.Equal(["gonzo"], task.CandidateUsers);
        Assert.Null(task.Assignee);
    }

    [Fact]
    public async Task Create_JournalsTaskCreatedWithTaskId_WhenTokenArrives()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(Assignment);

        var started = await engine.StartAsync("TaskAssignment", variables: Variables(("mediator", "fozzie"), ("caseNo", "XT-0045")));

        var task = await engine.SingleOpenTaskAsync(started.Id, "Task_Mediate");
        var created = Assert.Single(await engine.JournalAsync(started.Id), e => e.Kind == JournalKinds.TaskCreated);
        Assert.Equal(task.Id.ToString(), (string?)created.Data!["taskId"]);
        Assert.Equal("fozzie", (string?)created.Data["assignee"]);
    }
}
