using System.Text.Json.Nodes;
using Mediation.Workflows.Expressions;
using Microsoft.Extensions.Time.Testing;

namespace Mediation.Workflows.Tests.Expressions;

/// <summary>now, days, hours, addDays, legalDays, workdays and addWorkdays as expressions call them.</summary>
public sealed class FunctionLibraryTests
{
    // 2026-03-02 09:00 in Shanghai, a Monday.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly JintExpressionEvaluator evaluator;

    public FunctionLibraryTests() => evaluator = new JintExpressionEvaluator(time: clock);

    private string? Eval(string expression, JsonObject? variables = null, ExpressionContext? context = null) =>
        (string?)evaluator.Run(expression, variables ?? [], context).Value;

    [Fact]
    public void Now_ReturnsEngineClockInShanghai_WhenCalled()
    {
        Assert.Equal("2026-03-02T09:00:00+08:00", Eval("${now()}"));
    }

    [Fact]
    public void Now_ReturnsContextTime_WhenContextCarriesNow()
    {
        var context = new ExpressionContext(Now: new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.FromHours(8)));

        Assert.Equal("2026-05-01T00:00:00+08:00", Eval("${now()}", context: context));
    }

    [Fact]
    public void Now_UsesConfiguredZone_WhenEvaluatorIsGivenAnother()
    {
        var utc = new JintExpressionEvaluator(time: clock, timeZone: "UTC");

        Assert.Equal("2026-03-02T01:00:00+00:00", (string?)utc.Evaluate("${now()}", []));
    }

    [Fact]
    public void Date_SeesEngineClockAndZone_WhenScriptUsesJavaScriptDates()
    {
        Assert.Equal("2026-03-02T01:00:00.000Z 9", Eval("${new Date().toISOString() + ' ' + new Date().getHours()}"));
    }

    [Theory]
    [InlineData("${days(3)}", "P3D")]
    [InlineData("${days(0)}", "P0D")]
    [InlineData("${days('30')}", "P30D")]
    [InlineData("${hours(4)}", "PT4H")]
    [InlineData("${hours(1.5)}", "PT1.5H")]
    public void Durations_ReturnIso8601Duration_WhenGivenANumber(string expression, string expected)
    {
        Assert.Equal(expected, Eval(expression));
    }

    [Theory]
    [InlineData("${days(-1)}")]
    [InlineData("${hours('soon')}")]
    [InlineData("${addDays('2026-03-02', 1.5)}")]
    [InlineData("${addDays('next monday', 1)}")]
    [InlineData("${legalDays('2026-03-02', -1)}")]
    [InlineData("${workdays(1e9)}")]
    [InlineData("${addWorkdays(null, 1)}")]
    public void Library_Throws_WhenArgumentsAreWrong(string expression)
    {
        Assert.Throws<ExpressionException>(() => Eval(expression));
    }

    [Theory]
    [InlineData("2026-03-02T09:00:00+08:00", 30, "2026-04-01T09:00:00+08:00")]
    [InlineData("2026-03-02T01:00:00Z", 30, "2026-04-01T09:00:00+08:00")]
    [InlineData("2026-03-02T23:30:00", 1, "2026-03-03T23:30:00+08:00")]
    [InlineData("2026-03-02", 1, "2026-03-03T00:00:00+08:00")]
    [InlineData("2026-03-02T09:00:00.250+08:00", -2, "2026-02-28T09:00:00.250+08:00")]
    public void AddDays_KeepsTimeOfDayAndShanghaiOffset_WhenMovingADate(string date, int days, string expected)
    {
        Assert.Equal(expected, Eval("${addDays(start, n)}", new JsonObject { ["start"] = date, ["n"] = days }));
    }

    [Theory]
    [InlineData("2026-01-20T15:30:00+08:00", 30, "2026-02-24T23:59:59.999+08:00")]   // Art 85: ends 02-19, inside the Spring Festival
    [InlineData("2026-01-19T20:00:00Z", 30, "2026-02-24T23:59:59.999+08:00")]        // the same day in Shanghai
    [InlineData("2025-09-01", 30, "2025-10-09T23:59:59.999+08:00")]                  // ends on National Day 2025
    [InlineData("2025-09-11", 30, "2025-10-11T23:59:59.999+08:00")]                  // ends on a make-up working Saturday
    [InlineData("2026-03-02", 1, "2026-03-03T23:59:59.999+08:00")]                   // the start day is not counted
    public void LegalDays_ReturnsEndOfLastDay_WhenPeriodIsCountedPerCivilProcedureLaw(string start, int days, string expected)
    {
        Assert.Equal(expected, Eval("${legalDays(start, n)}", new JsonObject { ["start"] = start, ["n"] = days }));
    }

    [Fact]
    public void LegalDays_AcceptsAJavaScriptDate_WhenScriptBuildsOne()
    {
        Assert.Equal("2026-02-24T23:59:59.999+08:00", Eval("${legalDays(new Date(Date.UTC(2026, 0, 20, 2)), 30)}"));
    }

    [Theory]
    [InlineData(1, "2026-02-14T09:00:00+08:00")]
    [InlineData(2, "2026-02-24T09:00:00+08:00")]
    [InlineData(6, "2026-02-28T09:00:00+08:00")]
    public void Workdays_SkipsSpringFestival2026_WhenNowIsTheFridayBefore(int days, string expected)
    {
        var friday = new JintExpressionEvaluator(time: new FakeTimeProvider(new DateTimeOffset(2026, 2, 13, 1, 0, 0, TimeSpan.Zero)));

        Assert.Equal(expected, (string?)friday.Evaluate($"${{workdays({days})}}", []));
    }

    [Fact]
    public void AddWorkdays_CountsFromTheGivenDate_WhenCrossingSpringFestival2026()
    {
        Assert.Equal("2026-02-24T10:00:00+08:00", Eval("${addWorkdays('2026-02-12T10:00:00+08:00', 3)}"));
    }

    [Theory]
    [InlineData("${addWorkdays('2026-12-24T09:00:00+08:00', 10)}", "2027-01-07T09:00:00+08:00")]
    [InlineData("${legalDays('2026-12-10', 30)}", "2027-01-11T23:59:59.999+08:00")]        // ends Saturday 01-09 by weekends alone
    [InlineData("${workdays(300)}", "2027-05-06T09:00:00+08:00")]
    public void Run_MarksTheResultProvisional_WhenCountingReachesAYearWithoutNotice(string expression, string expected)
    {
        var result = evaluator.Run(expression, []);

        Assert.Equal(expected, (string?)result.Value);
        Assert.True(result.IsProvisional);
        Assert.Equal([2027], result.UnscheduledYears);
    }

    [Theory]
    [InlineData("${addWorkdays('2026-12-24T09:00:00+08:00', 5)}")]
    [InlineData("${legalDays('2026-11-26', 30)}")]
    [InlineData("${addDays('2027-06-01', 10)}")]   // calendar days: no holiday notice involved
    [InlineData("Due ${workdays(2)}")]
    public void Run_LeavesTheResultFinal_WhenCountingStaysInKnownYears(string expression)
    {
        Assert.False(evaluator.Run(expression, []).IsProvisional);
    }

    [Fact]
    public void RunScript_MarksTheResultProvisional_WhenTheScriptCountsIntoAYearWithoutNotice()
    {
        var result = evaluator.RunScript("deadline = legalDays(effectiveOn, 30);", "javascript", new JsonObject { ["effectiveOn"] = "2026-12-20" });

        Assert.Equal([2027], result.UnscheduledYears);
    }

    [Fact]
    public void Run_CountsOnTheNewCalendar_WhenTheSourceIsSwappedBetweenEvaluations()
    {
        var calendars = new CalendarSource();
        var swapping = new JintExpressionEvaluator(time: clock, calendars: calendars);
        const string expression = "${addWorkdays('2026-12-31T09:00:00+08:00', 1)}";
        Assert.Equal("2027-01-01T09:00:00+08:00", (string?)swapping.Run(expression, []).Value);

        calendars.Replace(new CalendarSnapshot(
            new BusinessCalendar(ChinaHolidaySchedules.Year2025, ChinaHolidaySchedules.Year2026, "2027-01-01 off 元旦"), new Dictionary<int, int>()));

        var result = swapping.Run(expression, []);
        Assert.Equal("2027-01-04T09:00:00+08:00", (string?)result.Value);
        Assert.False(result.IsProvisional);
    }

    [Fact]
    public void Library_IsShadowed_WhenAVariableHasTheSameName()
    {
        Assert.True(evaluator.EvaluateCondition("${days > 3}", new JsonObject { ["days"] = 5 }));
    }

    [Fact]
    public void Library_WorksInScripts_WhenScriptStoresADeadline()
    {
        var result = evaluator.RunScript("deadline = legalDays(effectiveOn, 30); reminder = days(25);", "javascript",
            new JsonObject { ["effectiveOn"] = "2026-01-20" });

        Assert.Equal("2026-02-24T23:59:59.999+08:00", (string?)result.SetVariables["deadline"]);
        Assert.Equal("P25D", (string?)result.SetVariables["reminder"]);
    }
}
