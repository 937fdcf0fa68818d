using System.Text.RegularExpressions;

namespace Mediation.EndToEnd.Tests.Pages;

public sealed partial class CasePagesTests(MediationWebFactory factory) : IClassFixture<MediationWebFactory>
{
    /// <summary>When set, the case page is saved there (the README's picture).</summary>
    private const string ScreenshotVariable = "MEDIATION_CASE_SCREENSHOT";

    private const string ValidIdNumber = "11010519491231002X";
    private const string WrongCheckCharacter = "110105194912310021";

    [GeneratedRegex(@"/cases/XT-\d{4}-\d{6}$")]
    private static partial Regex CasePageUrl();

    [Fact]
    public async Task Intake_ShowsTheIdNumbersErrorBesideIt_ThenRegistersAndShowsTheCasePage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chromium = await Chromium.LaunchAsync();
        using var admin = await factory.CreateApiClientAsync(ct);
        await CaseFlows.EnsureJointMediationAsync(admin, ct);
        var page = await SignInAsync(chromium, "li.village");

        await page.GotoAsync("/cases/new");
        // li.village serves 新河村 (through its committee): its village and groups only.
        var areas = await page.Locator("#areaCode option[value]:not([value=''])").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        Assert.Equal(["XT-ZCZ-XHC", "XT-ZCZ-XHC-1Z", "XT-ZCZ-XHC-2Z"], areas);
        await FillIntakeAsync(page, WrongCheckCharacter);
        await page.Locator("#register").ClickAsync();

        var error = page.Locator("[data-error-for=\"parties[0].idNumber\"]");
        await Expect(error).ToContainTextAsync("check character");
        await Expect(page.Locator("#party-0-idNumber")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#party-0-name")).ToHaveValueAsync("张梅（示例）");   // what was typed stays
        await Expect(page.Locator("#facts")).ToHaveValueAsync("两户因排水沟堵塞发生争执（示例）");
        await Expect(page.Locator("#areaCode")).ToHaveValueAsync("XT-ZCZ-XHC-1Z");
        await Expect(page.Locator("#party-1-age")).ToHaveValueAsync("52");

        await page.Locator("#party-0-idNumber").FillAsync(ValidIdNumber);
        await page.Locator("#register").ClickAsync();

        await Expect(page).ToHaveURLAsync(CasePageUrl());
        var caseNumber = (await page.Locator("#case-number").TextContentAsync())!.Split(' ')[0];
        await Expect(page.Locator(".notice")).ToContainTextAsync(caseNumber);
        await Expect(page.Locator("#case-area")).ToContainTextAsync("新河村一组（示例）");
        await Expect(page.Locator("#case-status")).ToContainTextAsync("办理中");
        await Expect(page.Locator("#case-category")).ToContainTextAsync("邻里纠纷");
        var parties = page.Locator("#case-parties tbody tr");
        await Expect(parties).ToHaveCountAsync(2);
        await Expect(parties.Nth(0)).ToContainTextAsync("张梅（示例）");
        await Expect(parties.Nth(0)).ToContainTextAsync("1949-12-31");   // read off the ID number
        await Expect(parties.Nth(1)).ToContainTextAsync("李四（示例）");
        await Expect(page.Locator("#case-tasks a[href^=\"/inbox#task-\"]").First).ToBeVisibleAsync();

        var waiting = await CaseFlows.WaitingAsync(admin, caseNumber, ct);
        Assert.NotEmpty(waiting);
        var diagram = page.Locator("#case-diagram");
        await diagram.And(page.Locator("[data-rendered=\"true\"], [data-render-error]")).WaitForAsync(new() { Timeout = 15_000 });
        Assert.Null(await diagram.GetAttributeAsync("data-render-error"));
        foreach (var element in waiting)
        {
            await Expect(diagram.Locator($"g.djs-element[data-element-id=\"{element}\"]").First)
                .ToHaveClassAsync(new Regex(@"\bcurrent-position\b"));
        }

        var timeline = page.Locator("#case-timeline");
        await Expect(timeline.Locator("tr[data-kind=\"InstanceStarted\"]")).ToContainTextAsync("流程启动");
        await Expect(timeline.Locator($"tr[data-kind=\"TaskCreated\"][data-element-id=\"{waiting[0]}\"]").First).ToContainTextAsync("任务创建");
        await Expect(timeline.Locator("tr[data-kind=\"VariableChanged\"]", new() { HasTextString = "caseNumber" })).ToContainTextAsync(caseNumber);
        await Expect(timeline.Locator("tr[data-kind=\"InstanceStarted\"]")).ToContainTextAsync("li.village");

        if (Environment.GetEnvironmentVariable(ScreenshotVariable) is { Length: > 0 } path)
        {
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        }

        // 新园社区's mediator serves another area: the case does not exist for them.
        var other = await SignInAsync(chromium, "liu.community");
        var response = await other.GotoAsync($"/cases/{caseNumber}");
        Assert.Equal(404, response!.Status);
        await Expect(other.Locator("#case-not-found")).ToBeVisibleAsync();
        await Expect(other.Locator("#case-parties")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Intake_AddsAndRemovesPartyRowsInPlace_WithItsScript()
    {
        await using var chromium = await Chromium.LaunchAsync();
        var page = await SignInAsync(chromium, "admin");
        await page.GotoAsync("/cases/new");
        await Expect(page.Locator("#intake-form[data-enhanced=\"true\"]")).ToHaveCountAsync(1);

        await page.Locator("#add-party").ClickAsync();
        await page.Locator("#add-party").ClickAsync();
        await Expect(page.Locator("fieldset.party")).ToHaveCountAsync(4);
        await page.Locator("#party-2-name").FillAsync("第三人甲");
        await page.Locator("#party-3-name").FillAsync("第三人乙");

        await page.Locator("fieldset.party[data-party-row=\"2\"] .remove-party").ClickAsync();

        await Expect(page.Locator("fieldset.party")).ToHaveCountAsync(3);
        Assert.EndsWith("/cases/new", page.Url);   // no round trip
        // The rows after the removed one move up, so the list binds as Parties[0..2].
        await Expect(page.Locator("#party-2-name")).ToHaveValueAsync("第三人乙");
        await Expect(page.Locator("#party-2-name")).ToHaveAttributeAsync("name", "Form.Parties[2].Name");
        await Expect(page.Locator("fieldset.party[data-party-row=\"2\"] .party-number")).ToHaveTextAsync("3");
    }

    [Fact]
    public async Task Intake_RegistersThreeParties_WithoutScript()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chromium = await Chromium.LaunchAsync();
        using var admin = await factory.CreateApiClientAsync(ct);
        await CaseFlows.EnsureJointMediationAsync(admin, ct);
        var page = await chromium.NewPageAsync(factory.ServerAddress, javaScriptEnabled: false);
        await LoginPage.SignInAsync(page, "li.village", MediationWebFactory.SamplePassword);
        await page.GotoAsync("/cases/new");
        await FillIntakeAsync(page, ValidIdNumber);

        await page.Locator("#add-party").ClickAsync();   // posts the form; the server draws a third row

        await Expect(page.Locator("fieldset.party")).ToHaveCountAsync(3);
        await Expect(page.Locator("#party-0-name")).ToHaveValueAsync("张梅（示例）");
        await page.Locator("#party-2-role").SelectOptionAsync("thirdParty");
        await page.Locator("#party-2-name").FillAsync("村民小组长（示例）");
        await page.Locator("#party-2-consent").SelectOptionAsync("oral");
        await page.Locator("#register").ClickAsync();

        await Expect(page).ToHaveURLAsync(CasePageUrl());
        var parties = page.Locator("#case-parties tbody tr");
        await Expect(parties).ToHaveCountAsync(3);
        await Expect(parties.Nth(2)).ToContainTextAsync("第三人");
        await Expect(parties.Nth(2)).ToContainTextAsync("村民小组长（示例）");
    }

    [Fact]
    public async Task Intake_ShowsEveryProblemAtOnce_WhenSubmittedEmpty()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chromium = await Chromium.LaunchAsync();
        using var admin = await factory.CreateApiClientAsync(ct);
        await CaseFlows.EnsureJointMediationAsync(admin, ct);
        var page = await SignInAsync(chromium, "admin");
        await page.GotoAsync("/cases/new");

        var response = await page.RunAndWaitForResponseAsync(() => page.Locator("#register").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/cases/new", StringComparison.Ordinal));

        Assert.Equal(400, response.Status);
        await Expect(page.Locator("#category-error")).ToContainTextAsync("required");
        await Expect(page.Locator("#areaCode-error")).ToContainTextAsync("required");
        await Expect(page.Locator("#facts-error")).ToContainTextAsync("required");
        // The two rows were left blank, so no party was sent: that is said above the form, not beside a row.
        await Expect(page.Locator("#intake-problems li[data-error-for=\"parties\"]").First).ToContainTextAsync("applicant");
        await Expect(page.Locator("fieldset.party")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Intake_IsRefused_ToARoleThatDoesNotRegisterCases()
    {
        await using var chromium = await Chromium.LaunchAsync();
        var page = await SignInAsync(chromium, "wu.grid");   // a grid member reports disputes but does not register them

        var response = await page.GotoAsync("/cases/new");

        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("#intake-form")).ToHaveCountAsync(0);
        await Expect(page.Locator("header nav a[href=\"/cases/new\"]")).ToHaveCountAsync(0);
        await Expect(page.Locator("header nav a[href=\"/cases\"]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task CaseList_FiltersByCategory_AndShowsOnlyTheUsersArea()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chromium = await Chromium.LaunchAsync();
        using var admin = await factory.CreateApiClientAsync(ct);
        await CaseFlows.EnsureJointMediationAsync(admin, ct);
        var debt = await CaseFlows.RegisterAsync(admin, "debt", ct);
        var neighbour = await CaseFlows.RegisterAsync(admin, "neighbour", ct);
        var elsewhere = await CaseFlows.RegisterAsync(admin, "debt", ct, areaCode: "XT-GHJD-XYSQ-HY");
        var page = await SignInAsync(chromium, "li.village");

        await page.GotoAsync("/cases");
        await Expect(Row(page, debt)).ToHaveCountAsync(1);
        await Expect(Row(page, neighbour)).ToHaveCountAsync(1);
        await Expect(Row(page, elsewhere)).ToHaveCountAsync(0);
        await Expect(Row(page, debt)).ToContainTextAsync("新河村一组（示例）");
        await Expect(Row(page, debt)).ToContainTextAsync("办理中");

        await page.Locator("#category").SelectOptionAsync("debt");
        await page.Locator("#case-filters button[type=submit]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("category=debt"));
        await Expect(Row(page, debt)).ToHaveCountAsync(1);
        await Expect(Row(page, neighbour)).ToHaveCountAsync(0);
        await Row(page, debt).Locator("a").ClickAsync();
        await Expect(page.Locator("#case-number")).ToContainTextAsync(debt);
    }

    [Fact]
    public async Task Inbox_LinksACasesTaskToTheCasePage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chromium = await Chromium.LaunchAsync();
        using var admin = await factory.CreateApiClientAsync(ct);
        await CaseFlows.EnsureJointMediationAsync(admin, ct);
        var number = await CaseFlows.RegisterAsync(admin, "neighbour", ct);
        var page = await SignInAsync(chromium, "admin");

        await page.GotoAsync("/inbox");
        await page.Locator($"table.tasks a.case-link:text-is(\"{number}\")").First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/cases/{number}$"));
        await Expect(page.Locator("#case-number")).ToContainTextAsync(number);
    }

    private async Task<IPage> SignInAsync(Chromium chromium, string userName)
    {
        var page = await chromium.NewPageAsync(factory.ServerAddress);
        if (userName == MediationWebFactory.AdminUserName) await LoginPage.SignInAsync(page);
        else await LoginPage.SignInAsync(page, userName, MediationWebFactory.SamplePassword);
        return page;
    }

    private static ILocator Row(IPage page, string caseNumber) => page.Locator($"table.cases tr[data-case-number=\"{caseNumber}\"]");

    /// <summary>A neighbours' dispute in 新河村一组 between an applicant with an ID number and a respondent of stated age.</summary>
    private static async Task FillIntakeAsync(IPage page, string idNumber)
    {
        await page.Locator("#channel").SelectOptionAsync("walkIn");
        await page.Locator("#category").SelectOptionAsync("neighbour");
        await page.Locator("#riskLevel").SelectOptionAsync("low");
        await page.Locator("#areaCode").SelectOptionAsync("XT-ZCZ-XHC-1Z");
        await page.Locator("#facts").FillAsync("两户因排水沟堵塞发生争执（示例）");
        await page.Locator("#issuesInDispute").FillAsync("疏通费用由谁承担");
        await page.Locator("#party-0-role").SelectOptionAsync("applicant");
        await page.Locator("#party-0-name").FillAsync("张梅（示例）");
        await page.Locator("#party-0-idNumber").FillAsync(idNumber);
        await page.Locator("#party-0-ethnicity").FillAsync("汉族");
        await page.Locator("#party-0-phone").FillAsync("13912345678");
        await page.Locator("#party-0-address").FillAsync("新河村一组（示例）");
        await page.Locator("#party-0-consent").SelectOptionAsync("written");
        await page.Locator("#party-1-role").SelectOptionAsync("respondent");
        await page.Locator("#party-1-name").FillAsync("李四（示例）");
        await page.Locator("#party-1-age").FillAsync("52");
        await page.Locator("#party-1-phone").FillAsync("0728-3312345");
        await page.Locator("#party-1-consent").SelectOptionAsync("oral");
    }
}
