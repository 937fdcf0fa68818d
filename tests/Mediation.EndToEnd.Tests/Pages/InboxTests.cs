using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mediation.EndToEnd.Tests.Pages;

public sealed class InboxTests(MediationWebFactory factory) : IClassFixture<MediationWebFactory>
{
    [Fact]
    public async Task Inbox_CompletesTask_WhenAdministratorClicksComplete()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chromium = await Chromium.LaunchAsync();
        using var api = await factory.CreateApiClientAsync(ct);
        var businessKey = $"E2E-INBOX-{Guid.NewGuid():N}";
        var instanceId = await StartVillageMediationAsync(api, businessKey, ct);

        var page = await chromium.NewPageAsync(factory.ServerAddress);
        await LoginPage.SignInAsync(page);
        await page.GotoAsync("/inbox");

        var intake = TaskRow(page, "Task_Intake", businessKey);
        var mediation = TaskRow(page, "Task_VillageMediation", businessKey);
        await Expect(intake).ToHaveCountAsync(1);
        await Expect(mediation).ToHaveCountAsync(0);

        await intake.Locator("button.complete").ClickAsync();

        await Expect(page.Locator(".notice")).ToBeVisibleAsync();
        await Expect(mediation).ToHaveCountAsync(1);
        await Expect(intake).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(LoginPage.InboxUrl());

        using var instance = JsonDocument.Parse(await api.GetStringAsync($"api/instances/{instanceId}", ct));
        var waiting = instance.RootElement.GetProperty("waiting").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(["Task_VillageMediation"], waiting);
    }

    /// <summary>The inbox row of one task of one case: the business key is unique to the test.</summary>
    private static ILocator TaskRow(IPage page, string elementId, string businessKey)
        => page.Locator($"table.tasks tr[data-element-id=\"{elementId}\"]")
            .Filter(new() { Has = page.Locator("td", new() { HasTextString = businessKey }) });

    private static async Task<Guid> StartVillageMediationAsync(HttpClient api, string businessKey, CancellationToken ct)
    {
        using var response = await api.PostAsJsonAsync("api/instances",
            new { definitionKey = "VillageMediation", businessKey, variables = new { } }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/instances answered {(int)response.StatusCode}: {body}");
        using var instance = JsonDocument.Parse(body);
        return instance.RootElement.GetProperty("id").GetGuid();
    }
}
