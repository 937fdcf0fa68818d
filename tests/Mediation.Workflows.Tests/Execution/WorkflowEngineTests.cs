using System.Text.Json.Nodes;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Journal;
using static Mediation.Workflows.Tests.TestEngine;

namespace Mediation.Workflows.Tests.Execution;

public sealed class WorkflowEngineTests
{
    private const string TwoStep = "TestData/two-step-review.bpmn";

    [Fact]
    public async Task StartAsync_WaitsAtFirstUserTask_WhenProcessStarts()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(TwoStep);

        var started = await engine.StartAsync("TwoStepReview", businessKey: "XT-0001");

        var instance = await engine.InstanceAsync(started.Id);
        Assert.Equal(["Task_Review"], instance.Waiting);
        Assert.Equal("Running", instance.Status);
        Assert.Equal("XT-0001", instance.BusinessKey);
        Assert.Equal(DefaultStart, instance.StartedAt);
        Assert.Null(instance.EndedAt);
        var task = await engine.SingleOpenTaskAsync(started.Id, "Task_Review");
        Assert.Equal("Review the application", task.Name);
        Assert.Equal("Open", task.Status);
    }

    [Fact]
    public async Task CompleteTaskAsync_MovesTokenToNextTask_WhenFirstTaskIsCompleted()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(TwoStep);
        var started = await engine.StartAsync("TwoStepReview");
        var review = await engine.SingleOpenTaskAsync(started.Id, "Task_Review");

        var outcome = await engine.CompleteAsync(review.Id, "gonzo");

        Assert.Equal(TaskOutcome.Completed, outcome);
        Assert.Equal(["Task_Approve"], (await engine.InstanceAsync(started.Id)).Waiting);
        Assert.Equal("Completed", (await engine.Engine.GetTaskAsync(review.Id, TestContext.Current.CancellationToken))!.Status);
        Assert.Single(await engine.OpenTasksAsync(started.Id), t => t.ElementId == "Task_Approve");
    }

    [Fact]
    public async Task StartAndComplete_AnswerWithTheTasksTheyCreated_SoAClientNeedsNoLookUp()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(TwoStep);

        var started = await engine.StartAsync("TwoStepReview");
        var review = Assert.Single(started.NewTasks);
        Assert.Equal((await engine.SingleOpenTaskAsync(started.Id, "Task_Review")).Id, review.Id);
        Assert.Equal(("Task_Review", started.Id), (review.ElementId, review.InstanceId));

        var reviewed = await engine.Engine.CompleteTaskAsync(new CompleteTaskRequest(review.Id, "gonzo", null), TestContext.Current.CancellationToken);
        var approve = Assert.Single(reviewed.NewTasks);
        Assert.Equal((await engine.SingleOpenTaskAsync(started.Id, "Task_Approve")).Id, approve.Id);

        var approved = await engine.Engine.CompleteTaskAsync(new CompleteTaskRequest(approve.Id, "gonzo", null), TestContext.Current.CancellationToken);
        Assert.Equal(TaskOutcome.Completed, approved.Outcome);
        Assert.Empty(approved.NewTasks);
        var again = await engine.Engine.CompleteTaskAsync(new CompleteTaskRequest(approve.Id, "gonzo", null), TestContext.Current.CancellationToken);
        Assert.Equal(TaskOutcome.AlreadyEnded, again.Outcome);
        Assert.Empty(again.NewTasks);
    }

    [Fact]
    public async Task CompleteTaskAsync_EndsInstance_WhenLastTaskIsCompleted()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(TwoStep);
        var started = await engine.StartAsync("TwoStepReview");
        await engine.CompleteAsync((await engine.SingleOpenTaskAsync(started.Id, "Task_Review")).Id);
        engine.Clock.Advance(TimeSpan.FromHours(3));

        await engine.CompleteAsync((await engine.SingleOpenTaskAsync(started.Id, "Task_Approve")).Id);

        var instance = await engine.InstanceAsync(started.Id);
        Assert.Equal("Completed", instance.Status);
        Assert.Empty(instance.Waiting);
        Assert.Equal(DefaultStart.AddHours(3), instance.EndedAt);
        Assert.Empty(await engine.OpenTasksAsync(started.Id));
    }

    [Fact]
    public async Task CompleteTaskAsync_StoresVariables_WhenGivenAtStartAndAtCompletion()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(TwoStep);
        var started = await engine.StartAsync("TwoStepReview",
            variables: Variables(("caseType", "neighbour dispute"), ("parties", new JsonArray("Li", "Wang"))));
        var review = await engine.SingleOpenTaskAsync(started.Id, "Task_Review");

        await engine.CompleteAsync(review.Id, "gonzo", Variables(("agreed", true), ("amount", 1200), ("caseType", "boundary wall")));

        var variables = (await engine.InstanceAsync(started.Id)).Variables;
        Assert.Equal("boundary wall", (string?)variables["caseType"]);
        Assert.True((bool?)variables["agreed"]);
        Assert.Equal(1200, (int?)variables["amount"]);
        Assert.True(JsonNode.DeepEquals(new JsonArray("Li", "Wang"), variables["parties"]));
    }

    [Fact]
    public async Task GetJournalAsync_ListsEveryStepInOrderWithActor_WhenInstanceRunsToTheEnd()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(TwoStep);
        var started = await engine.StartAsync("TwoStepReview", variables: Variables(("caseType", "neighbour dispute")), actor: "kermit");
        await engine.CompleteAsync((await engine.SingleOpenTaskAsync(started.Id, "Task_Review")).Id, "gonzo",
            Variables(("caseType", "boundary wall")));
        await engine.CompleteAsync((await engine.SingleOpenTaskAsync(started.Id, "Task_Approve")).Id, "fozzie");

        var journal = await engine.JournalAsync(started.Id);

        Assert.Equal(
        [
            (JournalKinds.InstanceStarted, "Start", "kermit"),
            (JournalKinds.VariableChanged, "Start", "kermit"),
            (JournalKinds.ElementEntered, "Start", "kermit"),
            (JournalKinds.ElementLeft, "Start", "kermit"),
            (JournalKinds.ElementEntered, "Task_Review", "kermit"),
            (JournalKinds.TaskCreated, "Task_Review", "kermit"),
            (JournalKinds.TaskCompleted, "Task_Review", "gonzo"),
            (JournalKinds.VariableChanged, "Task_Review", "gonzo"),
            (JournalKinds.ElementLeft, "Task_Review", "gonzo"),
            (JournalKinds.ElementEntered, "Task_Approve", "gonzo"),
            (JournalKinds.TaskCreated, "Task_Approve", "gonzo"),
            (JournalKinds.TaskCompleted, "Task_Approve", "fozzie"),
            (JournalKinds.ElementLeft, "Task_Approve", "fozzie"),
            (JournalKinds.ElementEntered, "End", "fozzie"),
            (JournalKinds.ElementLeft, "End", "fozzie"),
            (JournalKinds.InstanceCompleted, (string?)null, "fozzie"),
        ], journal.Select(e => (e.Kind, e.ElementId, e.Actor)));
    }

    [Fact]
    public async Task GetJournalAsync_RecordsOldAndNewValue_WhenVariableChanges()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(TwoStep);
        var started = await engine.StartAsync("TwoStepReview", variables: Variables(("caseType", "neighbour dispute")));
        var review = await engine.SingleOpenTaskAsync(started.Id, "Task_Review");
        await engine.CompleteAsync(review.Id, "gonzo", Variables(("caseType", "boundary wall"), ("witness", null)));
        await engine.CompleteAsync((await engine.SingleOpenTaskAsync(started.Id, "Task_Approve")).Id, "gonzo",
            Variables(("caseType", "boundary wall")));

        var changes = (await engine.JournalAsync(started.Id)).Where(e => e.Kind == JournalKinds.VariableChanged).ToList();

        Assert.Collection(changes,
            first =>
            {
                Assert.Equal("caseType", (string?)first.Data!["name"]);
                Assert.Null(first.Data["oldValue"]);
                Assert.Equal("neighbour dispute", (string?)first.Data["newValue"]);
            },
            second =>
            {
                Assert.Equal("caseType", (string?)second.Data!["name"]);
                Assert.Equal("neighbour dispute", (string?)second.Data["oldValue"]);
                Assert.Equal("boundary wall", (string?)second.Data["newValue"]);
            },
            third =>
            {
                Assert.Equal("witness", (string?)third.Data!["name"]);
                Assert.Null(third.Data["newValue"]);
            });
    }

    [Fact]
    public async Task CompleteTaskAsync_ReturnsAlreadyEnded_WhenTaskIsAlreadyCompleted()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(TwoStep);
        var started = await engine.StartAsync("TwoStepReview");
        var review = await engine.SingleOpenTaskAsync(started.Id, "Task_Review");
        await engine.CompleteAsync(review.Id);

        var outcome = await engine.CompleteAsync(review.Id);

        Assert.Equal(TaskOutcome.AlreadyEnded, outcome);
        Assert.Equal(["Task_Approve"], (await engine.InstanceAsync(started.Id)).Waiting);
        Assert.Single(await engine.JournalAsync(started.Id), e => e.Kind == JournalKinds.TaskCompleted);
    }

    [Fact]
    public async Task CompleteTaskAsync_ReturnsStaleRevision_WhenExpectedRevisionIsNotTheTasks()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(TwoStep);
        var started = await engine.StartAsync("TwoStepReview");
        var review = await engine.SingleOpenTaskAsync(started.Id, "Task_Review");

        var outcome = await engine.CompleteAsync(review.Id, expectedRevision: review.Revision + 1);

        Assert.Equal(TaskOutcome.StaleRevision, outcome);
        Assert.Equal(["Task_Review"], (await engine.InstanceAsync(started.Id)).Waiting);
        Assert.Equal("Open", (await engine.Engine.GetTaskAsync(review.Id, TestContext.Current.CancellationToken))!.Status);
    }

    [Fact]
    public async Task CompleteTaskAsync_Completes_WhenExpectedRevisionMatches()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(TwoStep);
        var started = await engine.StartAsync("TwoStepReview");
        var review = await engine.SingleOpenTaskAsync(started.Id, "Task_Review");

        var outcome = await engine.CompleteAsync(review.Id, expectedRevision: review.Revision);

        Assert.Equal(TaskOutcome.Completed, outcome);
        Assert.Equal(review.Revision + 1, (await engine.Engine.GetTaskAsync(review.Id, TestContext.Current.CancellationToken))!.Revision);
    }

    [Fact]
    public async Task CompleteTaskAsync_ReturnsNotFound_WhenTaskDoesNotExist()
    {
        await using var engine = await CreateAsync();

        Assert.Equal(TaskOutcome.NotFound, await engine.CompleteAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task StartAsync_ReturnsTheFirstInstance_WhenStartedAgainWithItsId()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(TwoStep);
        var id = Guid.NewGuid();
        var ct = TestContext.Current.CancellationToken;

        var first = await engine.Engine.StartAsync(new StartRequest("TwoStepReview", "XT-0002", null, "kermit", id), ct);
        var again = await engine.Engine.StartAsync(new StartRequest("TwoStepReview", "XT-0002", null, "kermit", id), ct);

        Assert.Equal(id, first.Id);
        Assert.Equal(id, again.Id);
        Assert.Single(first.NewTasks);
        Assert.Empty(again.NewTasks);
        Assert.Single(await engine.Engine.ListTasksAsync(new TaskQuery { SeeAll = true }, ct));
    }

    [Fact]
    public async Task GetLatestDefinitionAsync_ReturnsTheNewestVersion_OrNullForAnUnknownKey()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(TwoStep);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal("TwoStepReview", (await engine.Engine.GetLatestDefinitionAsync("TwoStepReview", ct))?.Key);
        Assert.Null(await engine.Engine.GetLatestDefinitionAsync("NoSuchProcess", ct));
    }

    [Fact]
    public async Task StartAsync_Throws_WhenNoProcessHasTheKey()
    {
        await using var engine = await CreateAsync();

        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => engine.StartAsync("NoSuchProcess"));
    }

    [Fact]
    public async Task CompleteTaskAsync_BumpsInstanceRevision_WhenCommandCommits()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(TwoStep);
        var started = await engine.StartAsync("TwoStepReview");
        var afterStart = (await engine.InstanceAsync(started.Id)).Revision;

        await engine.CompleteAsync((await engine.SingleOpenTaskAsync(started.Id, "Task_Review")).Id);

        Assert.Equal(afterStart + 1, (await engine.InstanceAsync(started.Id)).Revision);
    }
}
