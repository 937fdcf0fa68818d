using System.Text.Json.Nodes;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Journal;
using static Mediation.Workflows.Tests.TestEngine;

namespace Mediation.Workflows.Tests.Execution;

/// <summary>Timer start events (a daily digest, a cycle that ends) and message start events: each starts a new instance.</summary>
public sealed class StartEventTests
{
    private static string TimerStart(string key, string cycle, string task = "Task_Digest") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs_{key}" targetNamespace="https://mediation.example/test">
          <process id="{key}" isExecutable="true">
            <startEvent id="Start_Daily">
              <timerEventDefinition><timeCycle>{cycle}</timeCycle></timerEventDefinition>
            </startEvent>
            <sequenceFlow id="f1" sourceRef="Start_Daily" targetRef="{task}" />
            <userTask id="{task}" />
          </process>
        </definitions>
        """;

    private const string MessageStart = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs_Filed" targetNamespace="https://mediation.example/test">
          <message id="Msg_Filed" name="CaseFiled" />
          <process id="FiledByMessage" isExecutable="true">
            <startEvent id="Start_Filed"><messageEventDefinition messageRef="Msg_Filed" /></startEvent>
            <sequenceFlow id="f1" sourceRef="Start_Filed" targetRef="Task_Intake" />
            <userTask id="Task_Intake" />
          </process>
        </definitions>
        """;

    [Fact]
    public async Task CronTimerStartEvent_StartsAnInstanceEveryMorningAtEight_InTheEnginesTimeZone()
    {
        await using var engine = await CreateAsync();   // Monday 2026-03-02 09:00 +08:00
        await engine.DeployAsync(TimerStart("DailyDigest", "0 0 8 * * ?"));

        await AdvanceAsync(engine, TimeSpan.FromHours(23));       // Tuesday 08:00
        await AdvanceAsync(engine, TimeSpan.FromDays(1));          // Wednesday 08:00
        await AdvanceAsync(engine, TimeSpan.FromDays(1));          // Thursday 08:00

        var tasks = await OpenTasksAsync(engine);
        Assert.Equal(3, tasks.Count);
        Assert.All(tasks, t => Assert.Equal("Task_Digest", t.ElementId));
        Assert.Equal(
            [new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.FromHours(8)), new(2026, 3, 4, 8, 0, 0, TimeSpan.FromHours(8)), new(2026, 3, 5, 8, 0, 0, TimeSpan.FromHours(8))],
            tasks.Select(t => t.CreatedAt).Order());
        var journal = await engine.JournalAsync(tasks[0].InstanceId);
        var started = Assert.Single(journal, e => e.Kind == JournalKinds.InstanceStarted);
        Assert.Equal("Start_Daily", started.ElementId);
        Assert.Equal("timer", started.Actor);
        Assert.NotNull(started.Data?["trigger"]?["timerId"]);
    }

    [Fact]
    public async Task RepeatingIntervalStartEvent_StopsAfterItsRepetitions()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(TimerStart("ThreeTimes", "R3/PT1H"));

        await AdvanceAsync(engine, TimeSpan.FromHours(10));

        Assert.Equal(3, (await OpenTasksAsync(engine)).Count);
        Assert.Null(await engine.Engine.NextTimerDueAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task NewVersion_ReplacesTheOldVersionsTimerStart_SoNothingStartsTwice()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(TimerStart("Digest", "R/PT1H"));
        await engine.DeployAsync(TimerStart("Digest", "R/PT1H", task: "Task_NewDigest"));

        await AdvanceAsync(engine, TimeSpan.FromMinutes(150));

        var tasks = await OpenTasksAsync(engine);
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, t => Assert.Equal("Task_NewDigest", t.ElementId));
    }

    [Fact]
    public async Task MessageStartEvent_StartsTheProcess_WithTheCorrelationKeyAsBusinessKey()
    {
        await using var engine = await CreateAsync();
        await engine.DeployAsync(MessageStart);
        var ct = TestContext.Current.CancellationToken;

        var outcome = await engine.Engine.CorrelateMessageAsync(
            new MessageRequest("CaseFiled", "XT-2026-000001", new Dictionary<string, JsonNode?> { ["category"] = "neighbour" }, "intake"), ct);

        Assert.Equal(MessageOutcome.Correlated, outcome);
        var task = Assert.Single(await OpenTasksAsync(engine));
        Assert.Equal(("Task_Intake", "XT-2026-000001"), (task.ElementId, task.BusinessKey));
        var instance = await engine.InstanceAsync(task.InstanceId);
        Assert.Equal("neighbour", instance.Variables["category"]?.GetValue<string>());
        Assert.Equal(MessageOutcome.NoSubscription,
            await engine.Engine.CorrelateMessageAsync(new MessageRequest("NobodyListens", null, null, "intake"), ct));
    }

    [Fact]
    public async Task TimerStartEvent_WithAYearInItsCron_IsRefusedAtDeployment()
    {
        await using var engine = await CreateAsync();

        var result = await engine.Engine.DeployAsync(System.Text.Encoding.UTF8.GetBytes(TimerStart("Yearly", "0 0 8 1 1 ? 2027")), "yearly.bpmn",
            TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        var finding = Assert.Single(result.Findings, f => f.Code == "timer-unparsable");
        Assert.Equal("Start_Daily", finding.ElementId);
    }

    private static async Task AdvanceAsync(TestEngine engine, TimeSpan by)
    {
        engine.Clock.Advance(by);
        await engine.Engine.FireDueTimersAsync(TestContext.Current.CancellationToken);
    }

    private static Task<IReadOnlyList<UserTaskView>> OpenTasksAsync(TestEngine engine)
        => engine.Engine.ListTasksAsync(new TaskQuery { SeeAll = true }, TestContext.Current.CancellationToken);
}
