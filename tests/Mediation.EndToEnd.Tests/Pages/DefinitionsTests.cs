namespace Mediation.EndToEnd.Tests.Pages;

public sealed class DefinitionsTests(MediationWebFactory factory) : IClassFixture<MediationWebFactory>
{
    /// <summary>When set, the rendered page is saved there (the README's picture).</summary>
    private const string ScreenshotVariable = "MEDIATION_SCREENSHOT";

    [Fact]
    public async Task Definitions_DrawsDiagram_WhenLoggedIn()
    {
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync(factory.ServerAddress);
        await LoginPage.SignInAsync(page);
        var viewerScript = await page.APIRequest.GetAsync("/designer/viewer.js");
        Assert.True(viewerScript.Ok, $"GET /designer/viewer.js answered {viewerScript.Status}: build src/Designer "
            + "(building the Host does it, unless -p:SkipDesignerBuild=true).");
        await page.GotoAsync("/definitions");

        var diagram = page.Locator("section.definition[data-definition-key=\"VillageMediation\"] div.diagram");
        // The viewer marks the container either way; waiting for both turns a render error into a clear failure.
        await diagram.And(page.Locator("[data-rendered=\"true\"], [data-render-error]"))
            .WaitForAsync(new() { Timeout = 15_000 });
        Assert.Null(await diagram.GetAttributeAsync("data-render-error"));
        await Expect(diagram).ToHaveAttributeAsync("data-rendered", "true");
        await Expect(diagram.Locator("g.djs-element[data-element-id=\"Task_Intake\"]")).ToBeVisibleAsync();

        if (Environment.GetEnvironmentVariable(ScreenshotVariable) is { Length: > 0 } path)
        {
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        }
    }

    [Fact]
    public async Task Login_RedirectsToLogin_WhenNotSignedIn()
    {
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync(factory.ServerAddress);

        await page.GotoAsync("/inbox");

        await Expect(page).ToHaveURLAsync(LoginPage.LoginUrl());
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
    }
}
