using System.Net;
using System.Net.Http.Json;
using System.Text;
using Mediation.Host.Tests.Features.Cases;

namespace Mediation.Host.Tests.Features.Reports;

/// <summary>Who may read reports and over which cases; bad parameters; the CSV export.</summary>
public abstract class ReportAccessTests(MediationAppFactory app)
{
    private const string March = "from=2026-03-01&to=2026-03-31";

    [Fact]
    public async Task Summary_CountsOnlyTheSupervisorsSubtree_AndRefusesAnotherTown()
    {
        var s = await ReportScenario.For(app);
        var supervisor = await s.Town.AsAsync(s.Town.Supervisor);

        var own = await s.Town.SummaryAsync(supervisor, March);
        Assert.Equal(s.Town.Town, own.GetProperty("area").GetString());
        Assert.Equal(9, own.GetProperty("totals").GetProperty("registered").GetInt32());
        var other = await s.OtherTown.SummaryAsync(await s.OtherTown.AsAsync(s.OtherTown.Supervisor), March);
        Assert.Equal(1, other.GetProperty("totals").GetProperty("registered").GetInt32());

        var refused = await supervisor.GetAsync($"/api/reports/summary?{March}&area={s.OtherTown.Town}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(s.OtherTown.Town, await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Summary_RollsUpACountyIntoItsTowns_ForTheTownSupervisorOnlyTheirOwn()
    {
        var s = await ReportScenario.For(app);

        var county = await s.Town.SummaryAsync(await s.Town.AsAsync(s.Town.Supervisor), $"{March}&groupBy=area&area=XT");

        Assert.Contains(s.Town.Town, ReportAssert.Keys(county));
        Assert.Contains(s.OtherTown.Town, ReportAssert.Keys(county));
        Assert.Equal(9, ReportAssert.Group(county, s.Town.Town).GetProperty("registered").GetInt32());
        Assert.Equal(0, ReportAssert.Group(county, s.OtherTown.Town).GetProperty("registered").GetInt32());
        Assert.Equal(9, county.GetProperty("totals").GetProperty("registered").GetInt32());
    }

    [Fact]
    public async Task Summary_CountsEverySubtreeOfASupervisorOfTwoTowns_UnderTheirCommonCounty()
    {
        var s = await ReportScenario.For(app);
        var both = await app.MemberAsync(s.Town.Town, "supervisors", "two");
        var admin = await app.LoginAsync();
        (await admin.PostAsJsonAsync($"/api/org/{s.OtherTown.Town}/members", new { userName = both, role = "supervisors" })).EnsureSuccessStatusCode();

        var summary = await s.Town.SummaryAsync(await s.Town.AsAsync(both), $"{March}&groupBy=area");

        Assert.Equal("XT", summary.GetProperty("area").GetString());
        Assert.Equal(10, summary.GetProperty("totals").GetProperty("registered").GetInt32());
        Assert.Equal(9, ReportAssert.Group(summary, s.Town.Town).GetProperty("registered").GetInt32());
        Assert.Equal(1, ReportAssert.Group(summary, s.OtherTown.Town).GetProperty("registered").GetInt32());
        Assert.Equal(0, ReportAssert.Group(summary, "XT-ZCZ").GetProperty("registered").GetInt32());
    }

    [Fact]
    public async Task Summary_CoversTheTownOfAJudicialOffice()
    {
        var judicial = await app.SampleUserAsync("zhao.judicial");

        var summary = await (await judicial.GetAsync("/api/reports/summary?groupBy=area")).JsonAsync();

        Assert.Equal("XT-ZCZ", summary.GetProperty("area").GetString());
        Assert.Equal(["XT-ZCZ-GJC", "XT-ZCZ-XHC"], ReportAssert.Keys(summary));
    }

    [Fact]
    public async Task Summary_LetsTheAdministratorReportOnAnyArea()
    {
        var s = await ReportScenario.For(app);

        var other = await s.Town.SummaryAsync(await s.Town.AsAsync("admin"), $"{March}&area={s.OtherTown.Town}&groupBy=area");

        Assert.Equal(1, other.GetProperty("totals").GetProperty("registered").GetInt32());
        Assert.Equal(1, ReportAssert.Group(other, s.OtherTown.Village1).GetProperty("registered").GetInt32());
    }

    [Theory]
    [InlineData("/api/reports/summary")]
    [InlineData("/api/reports/export")]
    public async Task Reports_AreForbidden_ToAMediator(string url)
    {
        var mediator = await app.SampleUserAsync("li.village");

        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Summary_NamesEveryBadParameter()
    {
        var admin = await app.LoginAsync();

        var response = await admin.GetAsync("/api/reports/summary?from=2026-02-30&to=yesterday&groupBy=week");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Equal(["from", "groupBy", "to"], errors.EnumerateObject().Select(e => e.Name).Order());

        var reversed = await (await admin.GetAsync("/api/reports/summary?from=2026-03-31&to=2026-03-01")).JsonAsync();
        Assert.Contains("before from", reversed.GetProperty("errors").GetProperty("to")[0].GetString());
        var unknown = await admin.GetAsync("/api/reports/summary?area=XT-NOWHERE");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.JsonAsync()).GetProperty("errors").TryGetProperty("area", out _));
        var office = await (await admin.GetAsync("/api/reports/summary?area=XT-ZCZ-SFS")).JsonAsync();
        Assert.Contains("office", office.GetProperty("errors").GetProperty("area")[0].GetString());
    }

    [Fact]
    public async Task Export_WritesTheSummaryAsCsv_WithABomAndChineseHeaders()
    {
        var s = await ReportScenario.For(app);
        var supervisor = await s.Town.AsAsync(s.Town.Supervisor);

        var response = await supervisor.GetAsync($"/api/reports/export?{March}&groupBy=area");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("分组代码,分组,登记数,受理数,不予受理,办结数,调解成功数,调解成功率,成功数/受理数,按期办结数,按期办结率,超期未结", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith($"{s.Town.Village2},报表二村（测试）,2,2,0,3,1,33.33%,50%,2,66.67%,2,", lines[2]);
        Assert.Equal(",合计,9,8,1,5,3,60%,37.5%,3,60%,2,0,1,0,1,5,1,2,2,42,1,1,3,97000.50,2,1,50%,2,1,1,2,50%,3,2,66.67%,1,5", lines[4]);
    }
}

public sealed class ReportAccessTestsOnSqlite(SqliteAppFactory app) : ReportAccessTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ReportAccessTestsOnPostgreSql(PostgreSqlAppFactory app) : ReportAccessTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
