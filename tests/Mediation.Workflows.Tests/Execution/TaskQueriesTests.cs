using Mediation.Workflows.Execution;
using static Mediation.Workflows.Tests.TestEngine;

namespace Mediation.Workflows.Tests.Execution;

/// <summary>
/// offered-tasks.bpmn opens three tasks at once: Task_Offered (group village-committee), Task_Assigned
/// (assignee fozzie, also group village-committee) and Task_PotentialOwner (group town-office, user gonzo).
/// </summary>
public sealed class TaskQueriesTests
{
    [Fact]
    public async Task ListTasksAsync_ShowsOfferedTask_WhenUserIsInCandidateGroup()
    {
        await using var engine = await StartedAsync();

        var visible = await ElementIdsAsync(engine, new TaskQuery { User = "piggy", Groups = ["village-committee"] });

        Assert.Equal(["Task_Offered"], visible);
    }

    [Fact]
    public async Task ListTasksAsync_HidesEveryTask_WhenUserIsNeitherCandidateNorAssignee()
    {
        await using var engine = await StartedAsync();

        var visible = await ElementIdsAsync(engine, new TaskQuery { User = "animal", Groups = ["county-court"] });

        Assert.Empty(visible);
    }

    [Fact]
    public async Task ListTasksAsync_ShowsAssignedTask_WhenUserIsAssignee()
    {
        await using var engine = await StartedAsync();

        var visible = await ElementIdsAsync(engine, new TaskQuery { User = "fozzie" });

        Assert.Equal(["Task_Assigned"], visible);
    }

    [Fact]
    public async Task ListTasksAsync_ShowsTaskOfferedToUser_WhenUserIsCandidateUser()
    {
        await using var engine = await StartedAsync();

        var visible = await ElementIdsAsync(engine, new TaskQuery { User = "gonzo" });

        Assert.Equal(["Task_PotentialOwner"], visible);
    }

    [Fact]
    public async Task ListTasksAsync_ShowsEveryOpenTask_WhenSeeAllIsSet()
    {
        await using var engine = await StartedAsync();

        var visible = await ElementIdsAsync(engine, new TaskQuery { User = "admin", SeeAll = true });

        Assert.Equal(["Task_Assigned", "Task_Offered", "Task_PotentialOwner"], visible);
    }

    [Fact]
    public async Task ListTasksAsync_ShowsOnlyOwnTasks_WhenMineOnlyIsSet()
    {
        await using var engine = await StartedAsync();

        var visible = await ElementIdsAsync(engine, new TaskQuery { User = "fozzie", Groups = ["village-committee"], MineOnly = true });

        Assert.Equal(["Task_Assigned"], visible);
    }

    [Fact]
    public async Task ListTasksAsync_ShowsOnlyUnassignedOffers_WhenCandidateOnlyIsSet()
    {
        await using var engine = await StartedAsync();

        var visible = await ElementIdsAsync(engine,
            new TaskQuery { User = "fozzie", Groups = ["village-committee", "town-office"], CandidateOnly = true });

        Assert.Equal(["Task_Offered", "Task_PotentialOwner"], visible);
    }

    [Fact]
    public async Task ListTasksAsync_HidesCompletedTask_WhenTaskIsCompleted()
    {
        await using var engine = await StartedAsync();
        var offered = Assert.Single(await engine.Engine.ListTasksAsync(
            new TaskQuery { User = "piggy", Groups = ["village-committee"] }, TestContext.Current.CancellationToken));

        await engine.CompleteAsync(offered.Id, "piggy");

        Assert.Empty(await ElementIdsAsync(engine, new TaskQuery { User = "piggy", Groups = ["village-committee"] }));
    }

    [Fact]
    public async Task ListTasksAsync_FindsOfferedTask_WhenManyOlderTasksAreOfferedToOthers()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(BpmnText.Process("Offer", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Offer"/>
                <userTask id="Task_Offer" camunda:candidateGroups="${group}"/>
            """));
        const int limit = 2;
        for (var i = 0; i < limit * 4; i++)   // older tasks for another group fill the query's first window
        {
            await engine.StartAsync("Offer", variables: Variables(("group", "county-court")));
            engine.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var mine = await engine.StartAsync("Offer", variables: Variables(("group", "village-committee")));

        var visible = await engine.Engine.ListTasksAsync(
            new TaskQuery { User = "piggy", Groups = ["village-committee"], Limit = limit }, TestContext.Current.CancellationToken);

        Assert.Equal([mine.Id], visible.Select(t => t.InstanceId));
    }

    [Fact]
    public void IsVisibleTo_AgreesWithTheInboxRules_ForAssignedAndOfferedTasks()
    {
        var offered = View(assignee: null, groups: ["village-committee"], users: ["gonzo"]);
        var assigned = View(assignee: "fozzie", groups: ["village-committee"], users: []);

        Assert.True(TaskQueries.IsVisibleTo(offered, "piggy", ["village-committee"], seeAll: false));
        Assert.True(TaskQueries.IsVisibleTo(offered, "gonzo", [], seeAll: false));
        Assert.False(TaskQueries.IsVisibleTo(offered, "animal", ["county-court"], seeAll: false));
        Assert.True(TaskQueries.IsVisibleTo(assigned, "fozzie", [], seeAll: false));
        Assert.False(TaskQueries.IsVisibleTo(assigned, "piggy", ["village-committee"], seeAll: false));
        Assert.True(TaskQueries.IsVisibleTo(assigned, "admin", [], seeAll: true));
    }

    private static async Task<TestEngine> StartedAsync()
    {
        var engine = await CreateAsync();
        await engine.DeployAsync("TestData/offered-tasks.bpmn");
        await engine.StartAsync("OfferedTasks");
        return engine;
    }

    private static async Task<IReadOnlyList<string>> ElementIdsAsync(TestEngine engine, TaskQuery query)
        => (await engine.Engine.ListTasksAsync(query, TestContext.Current.CancellationToken)).Select(t => t.ElementId).Order().ToList();

    private static UserTaskView View(string? assignee, string[] groups, string[] users)
        => new(Guid.NewGuid(), Guid.NewGuid(), null, "P", "Task", null, assignee, groups, users, "Open",
            DefaultStart, null, null, false, 50, null, 0);
}
