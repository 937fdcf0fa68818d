using System.Net;
using Mediation.Host.Tests.Features.Cases;

namespace Mediation.Host.Tests.Features.Reports;

/// <summary>The dashboard <c>/reports</c> as the server renders it: pickers, headline, SVG bars, group table, overdue links.</summary>
public abstract class ReportsPageTests(MediationAppFactory app)
{
    [Fact]
    public async Task Dashboard_DrawsABarPerVillage_AndLinksTheOverdueCases()
    {
        var s = await ReportScenario.For(app);
        var supervisor = await s.Town.AsAsync(s.Town.Supervisor);

        var response = await supervisor.GetAsync($"/reports?from=2026-03-01&to=2026-03-31&groupBy=area&area={s.Town.Town}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Razor writes Chinese as character references: compare the text a browser would read.
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<figure class=\"chart\" data-chart=\"accepted\">", html);
        Assert.Contains("<g class=\"bar\" data-label=\"报表一村（测试）\" data-value=\"5\">", html);
        Assert.Contains("<g class=\"bar\" data-label=\"报表二村（测试）\" data-value=\"2\">", html);
        Assert.Contains("<div class=\"figure\" data-figure=\"accepted\">", html);
        Assert.Contains("环比 +700%（1） · 同比 +700%（1）", html);
        Assert.Contains($"<a href=\"/cases/{s.Cases["C8"]}\">", html);
        Assert.Contains($"<a href=\"/cases/{s.Cases["C13"]}\">", html);
        Assert.Contains($"href=\"/api/reports/export?from=2026-03-01&to=2026-03-31&groupBy=area&area={s.Town.Town}\"", html);
        // The picker offers the supervisor's town and what lies above and below it, not the other town.
        Assert.Contains($"<option value=\"{s.Town.Village1}\">", html);
        Assert.DoesNotContain($"<option value=\"{s.OtherTown.Town}\"", html);
    }

    [Fact]
    public async Task Dashboard_ShowsTheProblem_ForABadPeriod()
    {
        var admin = await app.LoginAsync();

        var response = await admin.GetAsync("/reports?from=2026-04-01&to=2026-03-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-error-for=\"to\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Dashboard_IsForbidden_ToAMediator()
    {
        var mediator = await app.SampleUserAsync("li.village");

        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.GetAsync("/reports")).StatusCode);
    }
}

public sealed class ReportsPageTestsOnSqlite(SqliteAppFactory app) : ReportsPageTests(app), IClassFixture<SqliteAppFactory>;
