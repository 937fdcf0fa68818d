using System.Text.Json.Nodes;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Journal;
using Mediation.Workflows.Persistence;
using Mediation.Workflows.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Mediation.Workflows.Tests.TestEngine;

namespace Mediation.Workflows.Tests.Execution;

/// <summary>
/// Deadlines that reach into a year the calendar does not know: counted on weekends alone, marked provisional on the
/// task or timer and in the journal, and recomputed when the year is added.
/// </summary>
public sealed class ProvisionalDeadlinesTests
{
    /// <summary>Thursday 2026-12-24 09:00 in Shanghai: ten working days on reach into 2027.</summary>
    private static readonly DateTimeOffset ChristmasEve = new(2026, 12, 24, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A 2027 with New Year's Day off, inside the ten working days after 2026-12-24.</summary>
    private const string Year2027 = """
        # not the State Council's 2027 notice: a test year with a holiday inside the window
        2027-01-01 off 元旦
        2027-02-06..2027-02-12 off 春节
        """;

    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static string TaskDue(string dueDate, string followUpDate = "") => BpmnText.Process("Deadline", $"""
            <startEvent id="Start"/>
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Mediate"/>
            <userTask id="Task_Mediate" camunda:dueDate="{dueDate}" camunda:followUpDate="{followUpDate}"/>
        """);

    private static string BoundaryTimer(string timeDate) => BpmnText.Process("Escalation", $"""
            <startEvent id="Start"/>
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Mediate"/>
            <userTask id="Task_Mediate"/>
            <boundaryEvent id="Boundary_Deadline" attachedToRef="Task_Mediate">
              <timerEventDefinition><timeDate>{timeDate}</timeDate></timerEventDefinition>
            </boundaryEvent>
            <sequenceFlow id="f2" sourceRef="Boundary_Deadline" targetRef="Task_Escalate"/>
            <userTask id="Task_Escalate"/>
        """);

    private static Task<CalendarYearChange> Add2027(TestEngine engine, string schedule = Year2027, CalendarYearSource source = CalendarYearSource.Api)
        => engine.Engine.SetCalendarYearAsync(new SetCalendarYearRequest(2027, schedule, source, "admin"), Ct);

    private static DateTimeOffset Shanghai(int year, int month, int day, int hour = 9) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Create_MarksDueDateProvisional_WhenWorkdaysReachAYearWithoutNotice()
    {
        await using var engine = await CreateAsync(new FakeTimeProvider(ChristmasEve));
        await engine.DeployAsync(TaskDue("${addWorkdays(now(), 10)}", "${workdays(2)}"));

        var started = await engine.StartAsync("Deadline");

        var task = await engine.SingleOpenTaskAsync(started.Id, "Task_Mediate");
        Assert.Equal(Shanghai(2027, 1, 7), task.DueAt);   // weekends alone: 2027-01-01 counted as a working day
        Assert.True(task.DueProvisional);
        Assert.False(task.FollowUpProvisional);            // two working days end on 2026-12-28
        Assert.True(task.DeadlineProvisional);
        var entry = Assert.Single(await engine.JournalAsync(started.Id), e => e.Kind == JournalKinds.DeadlineProvisional);
        Assert.Equal("Task_Mediate", entry.ElementId);
        Assert.Equal("dueDate", (string?)entry.Data!["deadline"]);
        Assert.Equal(task.Id.ToString(), (string?)entry.Data["taskId"]);
        Assert.Equal([2027], entry.Data["missingYears"]!.AsArray().Select(y => (int)y!));
    }

    [Fact]
    public async Task SetCalendarYear_RecomputesTheTaskFromItsCreationTime_WhenTheMissingYearIsAdded()
    {
        await using var engine = await CreateAsync(new FakeTimeProvider(ChristmasEve));
        await engine.DeployAsync(TaskDue("${addWorkdays(now(), 10)}"));
        var started = await engine.StartAsync("Deadline");
        engine.Clock.Advance(TimeSpan.FromDays(3));   // the year comes later: the count still starts at the task's creation

        var change = await Add2027(engine);

        Assert.Equal(CalendarYearOutcome.Added, change.Outcome);
        Assert.Equal(new DeadlineRecount(1, 0, 0), change.Recomputed);
        var task = await engine.SingleOpenTaskAsync(started.Id, "Task_Mediate");
        Assert.Equal(Shanghai(2027, 1, 8), task.DueAt);   // one day later: New Year's Day is off
        Assert.False(task.DeadlineProvisional);
        var recomputed = Assert.Single(await engine.JournalAsync(started.Id), e => e.Kind == JournalKinds.DeadlineRecomputed);
        Assert.Equal("dueDate", (string?)recomputed.Data!["deadline"]);
        Assert.Equal(Shanghai(2027, 1, 7), recomputed.Data["oldValue"]!.GetValue<DateTimeOffset>());
        Assert.Equal(Shanghai(2027, 1, 8), recomputed.Data["newValue"]!.GetValue<DateTimeOffset>());
        Assert.False((bool)recomputed.Data["provisional"]!);
        Assert.Equal("admin", recomputed.Actor);
    }

    [Fact]
    public async Task SetCalendarYear_KeepsTheDeadlineProvisional_WhenItReachesAYearStillUnknown()
    {
        await using var engine = await CreateAsync(new FakeTimeProvider(ChristmasEve));
        await engine.DeployAsync(TaskDue("${addWorkdays(now(), 300)}"));
        var started = await engine.StartAsync("Deadline");

        var change = await Add2027(engine);

        Assert.Equal(new DeadlineRecount(1, 0, 1), change.Recomputed);
        var task = await engine.SingleOpenTaskAsync(started.Id, "Task_Mediate");
        Assert.Equal(2028, task.DueAt!.Value.Year);
        Assert.True(task.DueProvisional);
        await using var db = engine.OpenDb();
        Assert.Equal(2028, (await db.UserTasks.SingleAsync(t => t.Id == task.Id, Ct)).ProvisionalYear);
    }

    [Fact]
    public async Task SetCalendarYear_MovesTheTimer_WhenItsDueTimeWasProvisional()
    {
        var scheduler = new RecordingScheduler();
        await using var engine = await CreateAsync(new FakeTimeProvider(ChristmasEve), s => s.AddSingleton<ITimerScheduler>(scheduler));
        await engine.DeployAsync(BoundaryTimer("${addWorkdays(now(), 10)}"));
        var started = await engine.StartAsync("Escalation");
        var (oldTimer, oldDue) = Assert.Single(await engine.Engine.PendingTimersAsync(Ct));
        Assert.Equal(Shanghai(2027, 1, 7), oldDue);
        var provisional = Assert.Single(await engine.JournalAsync(started.Id), e => e.Kind == JournalKinds.DeadlineProvisional);
        Assert.Equal(("Boundary_Deadline", "timer"), (provisional.ElementId, (string?)provisional.Data!["deadline"]));

        var change = await Add2027(engine);

        Assert.Equal(new DeadlineRecount(0, 1, 0), change.Recomputed);
        var (newTimer, newDue) = Assert.Single(await engine.Engine.PendingTimersAsync(Ct));
        Assert.NotEqual(oldTimer, newTimer);
        Assert.Equal(Shanghai(2027, 1, 8), newDue);
        Assert.Equal([oldTimer], scheduler.Cancelled);
        Assert.Equal((newTimer, newDue), scheduler.Scheduled[^1]);
        await using (var db = engine.OpenDb())
        {
            var rows = await db.Timers.AsNoTracking().ToListAsync(Ct);
            Assert.Equal(TimerStatus.Cancelled, rows.Single(t => t.Id == oldTimer).Status);
            Assert.Null(rows.Single(t => t.Id == newTimer).ProvisionalYear);
        }
        var recomputed = Assert.Single(await engine.JournalAsync(started.Id), e => e.Kind == JournalKinds.DeadlineRecomputed);
        Assert.Equal(newTimer.ToString(), (string?)recomputed.Data!["newTimerId"]);

        engine.Clock.SetUtcNow(oldDue);
        Assert.Equal(0, await engine.Engine.FireDueTimersAsync(Ct));   // the old due time passes without escalation
        engine.Clock.SetUtcNow(newDue);
        Assert.Equal(1, await engine.Engine.FireDueTimersAsync(Ct));
        Assert.Equal(["Task_Escalate"], (await engine.InstanceAsync(started.Id)).Waiting);
    }

    [Fact]
    public async Task SetCalendarYear_ClearsTheFlagAndKeepsTheTimer_WhenTheNewYearDoesNotMoveIt()
    {
        var scheduler = new RecordingScheduler();
        await using var engine = await CreateAsync(new FakeTimeProvider(ChristmasEve), s => s.AddSingleton<ITimerScheduler>(scheduler));
        await engine.DeployAsync(BoundaryTimer("${addWorkdays(now(), 10)}"));
        await engine.StartAsync("Escalation");
        var (timer, due) = Assert.Single(await engine.Engine.PendingTimersAsync(Ct));

        await Add2027(engine, "2027-10-01..2027-10-07 off 国庆节");

        Assert.Equal((timer, due), Assert.Single(await engine.Engine.PendingTimersAsync(Ct)));
        Assert.Empty(scheduler.Cancelled);
        await using var db = engine.OpenDb();
        Assert.Null((await db.Timers.SingleAsync(t => t.Id == timer, Ct)).ProvisionalYear);
    }

    [Fact]
    public async Task Deploy_WarnsAndRecomputesAStartTimer_WhenItsDueTimeWasProvisional()
    {
        await using var engine = await CreateAsync(new FakeTimeProvider(ChristmasEve));
        var deployed = await engine.DeployAsync(BpmnText.Process("NewYearReview", """
                <startEvent id="Start_Review">
                  <timerEventDefinition><timeDate>${addWorkdays('2026-12-31T09:00:00+08:00', 1)}</timeDate></timerEventDefinition>
                </startEvent>
                <sequenceFlow id="f1" sourceRef="Start_Review" targetRef="Task_Review"/>
                <userTask id="Task_Review"/>
            """));
        var warning = Assert.Single(deployed.Findings, f => f.Code == "deadline-provisional");
        Assert.Equal("Start_Review", warning.ElementId);
        Assert.Equal(Shanghai(2027, 1, 1), Assert.Single(await engine.Engine.PendingTimersAsync(Ct)).DueAt);

        var change = await Add2027(engine);

        Assert.Equal(new DeadlineRecount(0, 1, 0), change.Recomputed);
        Assert.Equal(Shanghai(2027, 1, 4), Assert.Single(await engine.Engine.PendingTimersAsync(Ct)).DueAt);
    }

    [Fact]
    public async Task RefreshCalendar_PicksUpAYearAnotherProcessAdded_AndRecomputesWhatItCountedWithoutIt()
    {
        await using var first = await CreateOnTempFileAsync(new FakeTimeProvider(ChristmasEve));
        await first.DeployAsync(TaskDue("${addWorkdays(now(), 10)}"));
        await using var second = await first.RestartedAsync();
        await Add2027(first);

        // The second process has not reloaded yet: its deadline is counted on weekends alone, and says so.
        var started = await second.StartAsync("Deadline");
        Assert.True((await second.SingleOpenTaskAsync(started.Id, "Task_Mediate")).DueProvisional);

        var refresh = await second.Engine.RefreshCalendarAsync(Ct);

        Assert.True(refresh.Reloaded);
        Assert.Contains(2027, refresh.Years);
        Assert.Equal(new DeadlineRecount(1, 0, 0), refresh.Recomputed);
        var task = await second.SingleOpenTaskAsync(started.Id, "Task_Mediate");
        Assert.Equal(Shanghai(2027, 1, 8), task.DueAt);
        Assert.False(task.DueProvisional);
        var again = await second.Engine.RefreshCalendarAsync(Ct);
        Assert.Equal((false, DeadlineRecount.None), (again.Reloaded, again.Recomputed));
    }

    [Fact]
    public async Task ScriptTask_JournalsTheVariablesItSet_WhenItsDateIsProvisional()
    {
        await using var engine = await CreateAsync(new FakeTimeProvider(ChristmasEve));
        await engine.DeployAsync(BpmnText.Process("Confirmation", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Script_Deadline"/>
                <scriptTask id="Script_Deadline" scriptFormat="javascript"><script>applyBy = legalDays(agreedOn, 30);</script></scriptTask>
                <sequenceFlow id="f2" sourceRef="Script_Deadline" targetRef="Task_Apply"/>
                <userTask id="Task_Apply"/>
            """));

        var started = await engine.StartAsync("Confirmation", variables: Variables(("agreedOn", "2026-12-20")));

        var entry = Assert.Single(await engine.JournalAsync(started.Id), e => e.Kind == JournalKinds.DeadlineProvisional);
        Assert.Equal("Script_Deadline", entry.ElementId);
        Assert.Equal("variable", (string?)entry.Data!["deadline"]);
        Assert.Equal(["applyBy"], entry.Data["variables"]!.AsArray().Select(v => (string)v!));
    }

    [Fact]
    public async Task Gateway_JournalsTheFlowWhoseConditionComparedAProvisionalDate()
    {
        await using var engine = await CreateAsync(new FakeTimeProvider(ChristmasEve));
        await engine.DeployAsync(BpmnText.Process("Lateness", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Gateway_Late"/>
                <exclusiveGateway id="Gateway_Late" default="f_onTime"/>
                <sequenceFlow id="f_late" sourceRef="Gateway_Late" targetRef="Task_Escalate">
                  <conditionExpression xsi:type="tFormalExpression">${now() > addWorkdays(receivedOn, 10)}</conditionExpression>
                </sequenceFlow>
                <sequenceFlow id="f_onTime" sourceRef="Gateway_Late" targetRef="Task_Mediate"/>
                <userTask id="Task_Escalate"/>
                <userTask id="Task_Mediate"/>
            """));

        var started = await engine.StartAsync("Lateness", variables: Variables(("receivedOn", "2026-12-24T09:00:00+08:00")));

        Assert.Equal(["Task_Mediate"], started.Waiting);
        var entry = Assert.Single(await engine.JournalAsync(started.Id), e => e.Kind == JournalKinds.DeadlineProvisional);
        Assert.Equal(("Gateway_Late", "condition", "f_late"), (entry.ElementId, (string?)entry.Data!["deadline"], (string?)entry.Data["flowId"]));
    }

    [Theory]
    [InlineData("2027-01-01 off 元旦\n2027-02-30 off 春节", "line 2 '2027-02-30 off 春节': '2027-02-30' is not a date (yyyy-MM-dd)")]
    [InlineData("2028-01-01 off 元旦", "line 1 '2028-01-01 off 元旦': 2028-01-01 is not in 2027: list each year's days in that year's schedule")]
    public async Task SetCalendarYear_StoresNothing_WhenTheScheduleDoesNotRead(string schedule, string expected)
    {
        await using var engine = await CreateAsync();

        var change = await Add2027(engine, schedule);

        Assert.Equal(CalendarYearOutcome.Invalid, change.Outcome);
        Assert.Equal(expected, Assert.Single(change.Problems).ToString());
        Assert.DoesNotContain((await engine.Engine.GetCalendarAsync(Ct)).Years, y => y.Year == 2027);
    }

    [Fact]
    public async Task SetCalendarYear_RefusesAShippedYear_AndKeepsTheApisYearAgainstConfiguration()
    {
        await using var engine = await CreateAsync();

        Assert.Equal(CalendarYearOutcome.Shipped,
            (await engine.Engine.SetCalendarYearAsync(new SetCalendarYearRequest(2026, "2026-01-01 off 元旦", CalendarYearSource.Api, "admin"), Ct)).Outcome);
        Assert.Equal(CalendarYearOutcome.Added, (await Add2027(engine, Year2027, CalendarYearSource.Configuration)).Outcome);
        Assert.Equal(CalendarYearOutcome.Unchanged, (await Add2027(engine, Year2027, CalendarYearSource.Configuration)).Outcome);
        Assert.Equal(CalendarYearOutcome.Replaced, (await Add2027(engine, "2027-01-01 off 元旦")).Outcome);
        Assert.Equal(CalendarYearOutcome.KeptFromApi, (await Add2027(engine, Year2027, CalendarYearSource.Configuration)).Outcome);

        var calendar = await engine.Engine.GetCalendarAsync(Ct);
        Assert.Equal([(2025, "shipped"), (2026, "shipped"), (2027, "api")], calendar.Years.Select(y => (y.Year, y.Source)));
        Assert.Equal((28, 5), (calendar.Years[0].DaysOff, calendar.Years[0].MakeUpWorkingDays));
        Assert.Equal("2027-01-01 off 元旦", calendar.Years[2].Schedule);
    }

    private sealed class RecordingScheduler : ITimerScheduler
    {
        public List<(Guid Id, DateTimeOffset DueAt)> Scheduled { get; } = [];
        public List<Guid> Cancelled { get; } = [];

        public void Schedule(Guid timerId, DateTimeOffset dueAt) => Scheduled.Add((timerId, dueAt));

        public void Cancel(Guid timerId) => Cancelled.Add(timerId);
    }
}
