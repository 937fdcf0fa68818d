using System.Text.Json;
using static Mediation.Host.Tests.Features.Reports.ReportAssert;

namespace Mediation.Host.Tests.Features.Reports;

/// <summary>Every measure of <c>GET /api/reports/summary</c> on the cases of <see cref="ReportScenario"/>, by each grouping.</summary>
public abstract class ReportSummaryTests(MediationAppFactory app)
{
    private const string March = "from=2026-03-01&to=2026-03-31";

    [Fact]
    public async Task Summary_CountsEveryMeasureOfMarch_ForTheTownSupervisor()
    {
        var s = await ReportScenario.For(app);
        var summary = await s.Town.SummaryAsync(await s.Town.AsAsync(s.Town.Supervisor), $"{March}&groupBy=category&area={s.Town.Town}");

        Assert.Equal("2026-03-01", summary.GetProperty("from").GetString());
        Assert.Equal("2026-04-10", summary.GetProperty("asOf").GetString());
        Metrics(summary.GetProperty("totals"), "totals",
            [("registered", 9), ("accepted", 8), ("notAccepted", 1), ("closed", 5), ("successful", 3), ("successRate", 0.6),
            ("agreementRate", 0.375), ("onTime", 3), ("onTimeRate", 0.6), ("overdueOpen", 2), ("withdrawn", 1), ("returnedToCourt", 1),
            ("fromApplication", 5), ("fromProactive", 1), ("fromReferral", 2), ("collective", 2), ("collectivePersons", 42),
            ("collectiveOpen", 1), ("collectiveSettled", 1), .. MarchRecords]);
    }

    [Fact]
    public async Task Summary_GroupsByCategory_InTheCodeListsOrder_WithOnlyCategoriesThatOccur()
    {
        var s = await ReportScenario.For(app);
        var summary = await s.Town.SummaryAsync(await s.Town.AsAsync(s.Town.Supervisor), $"{March}&groupBy=category&area={s.Town.Town}");

        Assert.Equal(["marriageFamily", "neighbour", "homestead", "contract", "debt", "labour", "wageArrears", "landAcquisition", "other"], Keys(summary));
        Assert.Equal("邻里纠纷", summary.GetProperty("groups")[1].GetProperty("label").GetString());
        Metrics(Group(summary, "marriageFamily"), "marriageFamily", ("overdueOpen", 1));
        Metrics(Group(summary, "neighbour"), "neighbour", ("registered", 3), ("accepted", 2), ("notAccepted", 1), ("fromApplication", 2),
            ("closed", 2), ("successful", 1), ("successRate", 0.5), ("agreementRate", 0.5), ("onTime", 2), ("onTimeRate", 1), ("withdrawn", 1),
            ("agreements", 1), ("agreementAmount", 5000), ("performanceDue", 1), ("performedOnTime", 1), ("performanceRate", 1),
            ("followUpsDue", 2), ("followUpsDone", 1), ("followUpRate", 0.5), ("satisfactionRated", 1), ("satisfactionAverage", 5));
        Metrics(Group(summary, "homestead"), "homestead", ("registered", 1), ("accepted", 1), ("fromApplication", 1), ("agreementRate", 0));
        Metrics(Group(summary, "contract"), "contract", ("registered", 1), ("accepted", 1), ("fromReferral", 1), ("agreementRate", 0),
            ("closed", 1), ("successRate", 0), ("onTime", 1), ("onTimeRate", 1), ("returnedToCourt", 1));
        Metrics(Group(summary, "debt"), "debt", ("registered", 1), ("accepted", 1), ("fromProactive", 1), ("agreementRate", 0));
        Metrics(Group(summary, "labour"), "labour", ("registered", 1), ("accepted", 1), ("fromApplication", 1), ("closed", 1),
            ("successful", 1), ("successRate", 1), ("agreementRate", 1), ("onTimeRate", 0),
            ("agreements", 1), ("agreementAmount", 12000.5), ("writtenWithAmount", 1), ("confirmationsApplied", 1), ("confirmed", 1), ("confirmationRate", 1));
        Metrics(Group(summary, "wageArrears"), "wageArrears", ("registered", 1), ("accepted", 1), ("fromApplication", 1), ("collective", 1),
            ("collectivePersons", 30), ("collectiveSettled", 1), ("closed", 1), ("successful", 1), ("successRate", 1), ("agreementRate", 1), ("onTimeRate", 0),
            ("agreements", 1), ("agreementAmount", 80000), ("writtenWithAmount", 1), ("performanceDue", 1), ("performanceRate", 0),
            ("confirmationsApplied", 1), ("confirmationsRejected", 1), ("confirmationRate", 0), ("followUpsDue", 1), ("followUpsDone", 1), ("followUpRate", 1));
        Metrics(Group(summary, "landAcquisition"), "landAcquisition", ("registered", 1), ("accepted", 1), ("fromReferral", 1),
            ("collective", 1), ("collectivePersons", 12), ("collectiveOpen", 1), ("agreementRate", 0));
        Metrics(Group(summary, "other"), "other", ("overdueOpen", 1));
    }

    [Fact]
    public async Task Summary_GroupsByArea_UnderTheUnitsJustBelowTheArea_WithTheTownItselfLast()
    {
        var s = await ReportScenario.For(app);
        var summary = await s.Town.SummaryAsync(await s.Town.AsAsync(s.Town.Supervisor), $"{March}&groupBy=area&area={s.Town.Town}");

        Assert.Equal([s.Town.Village1, s.Town.Village2, ""], Keys(summary));
        Assert.Equal("报表一村（测试）", summary.GetProperty("groups")[0].GetProperty("label").GetString());
        Metrics(Group(summary, s.Town.Village1), "A", ("registered", 6), ("accepted", 5), ("notAccepted", 1), ("fromApplication", 3),
            ("fromProactive", 1), ("fromReferral", 1), ("collective", 2), ("collectivePersons", 42), ("collectiveOpen", 1), ("collectiveSettled", 1),
            ("closed", 2), ("successful", 2), ("successRate", 1), ("agreementRate", 0.4), ("onTime", 1), ("onTimeRate", 0.5),
            ("agreements", 2), ("agreementAmount", 85000), ("writtenWithAmount", 1), ("performanceDue", 2), ("performedOnTime", 1),
            ("performanceRate", 0.5), ("confirmationsApplied", 1), ("confirmationsRejected", 1), ("confirmationRate", 0),
            ("followUpsDue", 3), ("followUpsDone", 2), ("followUpRate", 0.6667), ("satisfactionRated", 1), ("satisfactionAverage", 5));
        Metrics(Group(summary, s.Town.Village2), "B", ("registered", 2), ("accepted", 2), ("fromApplication", 1), ("fromReferral", 1),
            ("closed", 3), ("successful", 1), ("successRate", 0.3333), ("agreementRate", 0.5), ("onTime", 2), ("onTimeRate", 0.6667),
            ("withdrawn", 1), ("returnedToCourt", 1), ("overdueOpen", 2),
            ("agreements", 1), ("agreementAmount", 12000.5), ("writtenWithAmount", 1), ("confirmationsApplied", 1), ("confirmed", 1), ("confirmationRate", 1));
        Metrics(Group(summary, ""), "town itself", ("registered", 1), ("accepted", 1), ("fromApplication", 1), ("agreementRate", 0));
    }

    [Fact]
    public async Task Summary_GroupsByMonth_OnAsiaShanghaiMonthEdges()
    {
        var s = await ReportScenario.For(app);
        var summary = await s.Town.SummaryAsync(await s.Town.AsAsync(s.Town.Supervisor), $"from=2026-01-01&to=2026-03-31&groupBy=month&area={s.Town.Town}");

        // C4 at 23:59:59 on 28 February (15:59:59 UTC) is February's; C3 at midnight on 1 March (16:00 UTC the day before) is March's.
        Assert.Equal(["2026-01", "2026-02", "2026-03"], Keys(summary));
        Assert.Equal("2026年3月", summary.GetProperty("groups")[2].GetProperty("label").GetString());
        Metrics(Group(summary, "2026-01"), "January", ("registered", 2), ("accepted", 2), ("fromApplication", 2), ("agreementRate", 0), ("overdueOpen", 2));
        Metrics(Group(summary, "2026-02"), "February", ("registered", 1), ("accepted", 1), ("fromApplication", 1), ("agreementRate", 0));
        Metrics(Group(summary, "2026-03"), "March", [("registered", 9), ("accepted", 8), ("notAccepted", 1), ("closed", 5), ("successful", 3),
            ("successRate", 0.6), ("agreementRate", 0.375), ("onTime", 3), ("onTimeRate", 0.6), ("withdrawn", 1), ("returnedToCourt", 1),
            ("fromApplication", 5), ("fromProactive", 1), ("fromReferral", 2), ("collective", 2), ("collectivePersons", 42),
            ("collectiveOpen", 1), ("collectiveSettled", 1), .. MarchRecords]);
        Metrics(summary.GetProperty("totals"), "totals", [("registered", 12), ("accepted", 11), ("notAccepted", 1), ("closed", 5),
            ("successful", 3), ("successRate", 0.6), ("agreementRate", 0.2727), ("onTime", 3), ("onTimeRate", 0.6), ("overdueOpen", 2),
            ("withdrawn", 1), ("returnedToCourt", 1), ("fromApplication", 8), ("fromProactive", 1), ("fromReferral", 2), ("collective", 2),
            ("collectivePersons", 42), ("collectiveOpen", 1), ("collectiveSettled", 1), .. MarchRecords]);
    }

    [Fact]
    public async Task Summary_GroupsBySourceChannelAndRisk()
    {
        var s = await ReportScenario.For(app);
        var supervisor = await s.Town.AsAsync(s.Town.Supervisor);

        var source = await s.Town.SummaryAsync(supervisor, $"{March}&groupBy=source");
        Assert.Equal(["application", "proactive", "referral"], Keys(source));
        Metrics(Group(source, "application"), "application", [("registered", 6), ("accepted", 5), ("notAccepted", 1), ("fromApplication", 5),
            ("closed", 4), ("successful", 3), ("successRate", 0.75), ("agreementRate", 0.6), ("onTime", 2), ("onTimeRate", 0.5),
            ("withdrawn", 1), ("collective", 1), ("collectivePersons", 30), ("collectiveSettled", 1), ("overdueOpen", 2), .. MarchRecords]);
        Metrics(Group(source, "referral"), "referral", ("registered", 2), ("accepted", 2), ("fromReferral", 2), ("closed", 1),
            ("successRate", 0), ("agreementRate", 0), ("onTime", 1), ("onTimeRate", 1), ("returnedToCourt", 1), ("collective", 1),
            ("collectivePersons", 12), ("collectiveOpen", 1));

        var channel = await s.Town.SummaryAsync(supervisor, $"{March}&groupBy=channel");
        Assert.Equal(["walkIn", "phone", "gridScreening", "policeReferral", "courtReferral"], Keys(channel));
        Assert.Equal(5, Group(channel, "walkIn").GetProperty("registered").GetInt32());

        var risk = await s.Town.SummaryAsync(supervisor, $"{March}&groupBy=riskLevel");
        // Defaults of intake: neighbour, debt, contract, other low; homestead, labour, marriageFamily medium; collective and landAcquisition high.
        Assert.Equal(["low", "medium", "high"], Keys(risk));
        Assert.Equal([5, 2, 2], Keys(risk).Select(k => Group(risk, k).GetProperty("registered").GetInt32()));
    }

    [Fact]
    public async Task Summary_ComparesTheHeadlineWithTheMonthBeforeAndTheSameMonthAYearEarlier()
    {
        var s = await ReportScenario.For(app);
        var headline = (await s.Town.SummaryAsync(await s.Town.AsAsync(s.Town.Supervisor), March)).GetProperty("headline");

        Assert.Equal("2026-02-01", headline.GetProperty("previous").GetProperty("from").GetString());
        Assert.Equal("2026-02-28", headline.GetProperty("previous").GetProperty("to").GetString());
        Assert.Equal("2025-03-31", headline.GetProperty("yearAgo").GetProperty("to").GetString());
        Trend(headline.GetProperty("accepted"), 8, 1, 1, 7, 7);
        Trend(headline.GetProperty("closed"), 5, 0, 1, null, 4);
        Trend(headline.GetProperty("successful"), 3, 0, 1, null, 2);
        Trend(headline.GetProperty("collective"), 2, 0, 0, null, null);
    }

    [Fact]
    public async Task Summary_ListsOverdueOpenCases_MostOverdueFirst_WithStageAndOwner()
    {
        var s = await ReportScenario.For(app);
        var overdue = (await s.Town.SummaryAsync(await s.Town.AsAsync(s.Town.Supervisor), March)).GetProperty("overdue");

        Assert.Equal(2, overdue.GetProperty("total").GetInt32());
        var cases = overdue.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal([s.Cases["C8"], s.Cases["C13"]], cases.Select(c => c.GetProperty("caseNumber").GetString()));
        Assert.Equal("2026-02-15", cases[0].GetProperty("dueOn").GetString());
        Assert.Equal(54, cases[0].GetProperty("daysOverdue").GetInt32());
        // One month from 31 January is 28 February (clamped), not 3 March.
        Assert.Equal("2026-02-28", cases[1].GetProperty("dueOn").GetString());
        Assert.Equal(41, cases[1].GetProperty("daysOverdue").GetInt32());
        Assert.Equal("2026-01-31", cases[1].GetProperty("registeredOn").GetString());
        Assert.Equal("婚姻家庭（含赡养、抚养、继承）", cases[1].GetProperty("categoryLabel").GetString());
        Assert.Equal(["Mediate JointMediation"], cases[0].GetProperty("stage").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(["villageMediators"], cases[0].GetProperty("owners").EnumerateArray().Select(x => x.GetString()));
        var byStage = overdue.GetProperty("byStage").EnumerateArray().Single();
        Assert.Equal(("Mediate JointMediation", 2), (byStage.GetProperty("name").GetString(), byStage.GetProperty("count").GetInt32()));
    }

    private static void Trend(JsonElement trend, int current, int previous, int yearAgo, double? monthOnMonth, double? yearOnYear)
    {
        Assert.Equal(current, trend.GetProperty("current").GetInt32());
        Assert.Equal(previous, trend.GetProperty("previous").GetInt32());
        Assert.Equal(yearAgo, trend.GetProperty("yearAgo").GetInt32());
        Assert.Equal(monthOnMonth, trend.GetProperty("monthOnMonth") is { ValueKind: JsonValueKind.Number } m ? m.GetDouble() : null);
        Assert.Equal(yearOnYear, trend.GetProperty("yearOnYear") is { ValueKind: JsonValueKind.Number } y ? y.GetDouble() : null);
    }
}

public sealed class ReportSummaryTestsOnSqlite(SqliteAppFactory app) : ReportSummaryTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ReportSummaryTestsOnPostgreSql(PostgreSqlAppFactory app) : ReportSummaryTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
