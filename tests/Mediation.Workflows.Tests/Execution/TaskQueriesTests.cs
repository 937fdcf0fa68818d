using System.Text.Json.Nodes;
using Mediation.Workflows.Execution;
using Microsoft.Extensions.DependencyInjection;
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
    public async Task ListTasksAsync_ReturnsTheTasksOfTheNamedBusinessKeysOnly_WhenBusinessKeysIsSet()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(BpmnText.Process("Offer", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Offer"/>
                <userTask id="Task_Offer" camunda:candidateGroups="village-committee"/>
            """));
        foreach (var key in new[] { "XT-1", "XT-2", "XT-3" }) await engine.StartAsync("Offer", key);

        var tasks = await engine.Engine.ListTasksAsync(new TaskQuery { SeeAll = true, BusinessKeys = ["XT-1", "XT-3"] },
            TestContext.Current.CancellationToken);

        Assert.Equal(["XT-1", "XT-3"], tasks.Select(t => t.BusinessKey).Order());
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

    [Fact]
    public async Task ListTasksAsync_OffersAScopedTask_OnlyWhereTheUserHoldsItsGroup()
    {
        await using var engine = await ScopedAsync();
        var here = await engine.StartAsync("Scoped", variables: Variables(("area", "/XT/ZCZ/XHC/")));
        engine.Clock.Advance(TimeSpan.FromMinutes(1));
        var there = await engine.StartAsync("Scoped", variables: Variables(("area", "/XT/ZCZ/GJC/")));
        engine.Clock.Advance(TimeSpan.FromMinutes(1));
        var nowhere = await engine.StartAsync("Scoped");

        var village = await InstancesAsync(engine, new TaskQuery { User = "piggy", Groups = ["village-committee"],
            ScopedGroups = [new("village-committee", "/XT/ZCZ/XHC/")] });
        var town = await InstancesAsync(engine, new TaskQuery { User = "fozzie", Groups = ["village-committee"],
            ScopedGroups = [new("village-committee", "/XT/ZCZ/")] });
        var otherGroup = await InstancesAsync(engine, new TaskQuery { User = "animal", Groups = ["county-court"],
            ScopedGroups = [new("county-court", "/XT/")] });

        Assert.Equal([here.Id, nowhere.Id], village);
        Assert.Equal([here.Id, there.Id, nowhere.Id], town);
        Assert.Empty(otherGroup);
    }

    [Fact]
    public async Task ListTaskBusinessKeysAsync_ListsTheKeysOfVisibleTasksOnce()
    {
        await using var engine = await ScopedAsync();
        await engine.StartAsync("Scoped", "XT-2026-000002", Variables(("area", "/XT/ZCZ/XHC/")));
        await engine.StartAsync("Scoped", "XT-2026-000001", Variables(("area", "/XT/ZCZ/XHC/")));
        await engine.StartAsync("Scoped", "XT-2026-000003", Variables(("area", "/XT/MZZ/")));

        var keys = await engine.Engine.ListTaskBusinessKeysAsync(new TaskQuery { User = "piggy",
            ScopedGroups = [new("village-committee", "/XT/ZCZ/")] }, TestContext.Current.CancellationToken);

        Assert.Equal(["XT-2026-000001", "XT-2026-000002"], keys);
    }

    [Fact]
    public void IsVisibleTo_OffersAScopedTask_OnlyUnderAPrefixWhereTheUserHoldsTheGroup()
    {
        var scoped = View(assignee: null, groups: ["village-committee"], users: []) with { Scope = "/XT/ZCZ/XHC/" };

        Assert.True(TaskQueries.IsVisibleTo(scoped, "piggy", [], [new("village-committee", "/XT/ZCZ/")], seeAll: false));
        Assert.False(TaskQueries.IsVisibleTo(scoped, "piggy", ["village-committee"], [new("village-committee", "/XT/MZZ/")], seeAll: false));
        Assert.False(TaskQueries.IsVisibleTo(scoped, "piggy", ["village-committee"], [new("county-court", "/XT/")], seeAll: false));
    }

    /// <summary>An engine whose tasks take their scope from the variable <c>area</c>, with a process offering one task to village-committee.</summary>
    private static async Task<TestEngine> ScopedAsync()
    {
        var engine = await CreateAsync(configure: services => services.AddSingleton<ITaskScopeResolver, VariableScope>());
        await engine.DeployAsync(BpmnText.Process("Scoped", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Offer"/>
                <userTask id="Task_Offer" camunda:candidateGroups="village-committee"/>
            """));
        return engine;
    }

    private sealed class VariableScope : ITaskScopeResolver
    {
        public ValueTask<string?> ResolveAsync(JsonObject variables, CancellationToken cancellationToken)
            => ValueTask.FromResult(variables["area"]?.GetValue<string>());
    }

    private static async Task<IReadOnlyList<Guid>> InstancesAsync(TestEngine engine, TaskQuery query)
        => (await engine.Engine.ListTasksAsync(query, TestContext.Current.CancellationToken)).Select(t => t.InstanceId).ToList();

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
