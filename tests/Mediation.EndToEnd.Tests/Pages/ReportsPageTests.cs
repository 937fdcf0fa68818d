namespace Mediation.EndToEnd.Tests.Pages;

/// <summary>The supervisors' dashboard in Chromium: pick a grouping, read the headline and the bars, reach the CSV.</summary>
public sealed class ReportsPageTests(MediationWebFactory factory) : IClassFixture<MediationWebFactory>
{
    /// <summary>When set, the dashboard is saved there (the README's picture).</summary>
    private const string ScreenshotVariable = "MEDIATION_REPORTS_SCREENSHOT";

    [Fact]
    public async Task Dashboard_CountsThisMonthsCases_ByTownThenByCategory()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chromium = await Chromium.LaunchAsync();
        using var admin = await factory.CreateApiClientAsync(ct);
        await CaseFlows.EnsureJointMediationAsync(admin, ct);
        await CaseFlows.RegisterAsync(admin, "neighbour", ct);
        await CaseFlows.RegisterAsync(admin, "debt", ct, areaCode: "XT-MZZ-LJC-3Z");
        var page = await chromium.NewPageAsync(factory.ServerAddress);
        await LoginPage.SignInAsync(page, "zhou.supervisor", MediationWebFactory.SamplePassword);

        await page.Locator("header.top nav a[href=\"/reports\"]").ClickAsync();
        await Expect(page.Locator("#headline [data-figure=\"accepted\"] .value")).ToHaveTextAsync("2");

        await page.Locator("#groupBy").SelectOptionAsync("area");
        await page.Locator("#report-filters button[type=submit]").ClickAsync();
        var accepted = page.Locator("figure[data-chart=\"accepted\"] g.bar");
        await Expect(accepted.And(page.Locator("[data-label=\"郑场镇（示例）\"]"))).ToHaveAttributeAsync("data-value", "1");
        await Expect(accepted.And(page.Locator("[data-label=\"毛嘴镇（示例）\"]"))).ToHaveAttributeAsync("data-value", "1");
        await Expect(page.Locator("#groups tr[data-group=\"total\"]")).ToContainTextAsync("合计");

        await page.Locator("#groupBy").SelectOptionAsync("category");
        await page.Locator("#area").SelectOptionAsync("XT-ZCZ");
        await page.Locator("#report-filters button[type=submit]").ClickAsync();
        await Expect(page.Locator("figure[data-chart=\"accepted\"] g.bar")).ToHaveCountAsync(1);
        await Expect(page.Locator("figure[data-chart=\"accepted\"] g.bar")).ToHaveAttributeAsync("data-label", "邻里纠纷");
        var export = await page.Locator("#export").GetAttributeAsync("href");
        var csv = await page.APIRequest.GetAsync(export!);
        Assert.True(csv.Ok, $"GET {export} answered {csv.Status}");
        Assert.StartsWith("text/csv", csv.Headers["content-type"]);

        if (Environment.GetEnvironmentVariable(ScreenshotVariable) is { Length: > 0 } path)
        {
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        }
    }
}
