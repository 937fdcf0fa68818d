using System.Text.Json;

namespace Mediation.Host.Tests.Features.Cases;

/// <summary>The demo's sample disputes: registered through intake on the sample tree and moved along their flows.</summary>
public sealed class SampleCasesTests
{
    private static SqliteAppFactory WithSampleCases(string enabled = "true")
        => new() { Settings = new Dictionary<string, string> { ["Mediation:Samples:Cases"] = enabled } };

    [Fact]
    public async Task SampleCases_AreRegisteredAndUnderway_OnAFirstStart()
    {
        await using var app = WithSampleCases();
        var admin = await app.LoginAsync();

        var cases = await CasesAsync(admin);

        Assert.Equal(7, cases.Count);
        Assert.All(cases, c => Assert.Matches(@"^XT-\d{4}-00000[1-7]$", c.GetProperty("caseNumber").GetString()));
        var processes = new List<string>();
        foreach (var number in cases.Select(c => c.GetProperty("caseNumber").GetString()))
        {
            var detail = await (await admin.GetAsync($"/api/cases/{number}")).JsonAsync();
            Assert.Equal("InProgress", detail.GetProperty("status").GetString());
            processes.Add(detail.GetProperty("definitionKey").GetString()!);
        }
        Assert.Equal(5, processes.Count(p => p == "JointMediation"));
        Assert.Contains("CourtDelegatedMediation", processes);
        Assert.Contains("PoliceMediation", processes);
        var incidents = await (await admin.GetAsync("/api/incidents")).JsonAsync();
        Assert.Empty(incidents.EnumerateArray());
    }

    [Fact]
    public async Task SampleCases_FillTheSampleMediatorsInboxes_ByArea()
    {
        await using var app = WithSampleCases();
        var village = await app.LoginAsync("li.village", MediationAppFactory.SamplePassword);
        var community = await app.LoginAsync("liu.community", MediationAppFactory.SamplePassword);

        var villageTasks = await ElementsAsync(village, "/api/tasks");
        var communityTasks = await ElementsAsync(community, "/api/tasks");

        Assert.Contains("Task_VillageMediation", villageTasks);
        Assert.Equal(["Task_VillageMediation"], communityTasks);
        Assert.DoesNotContain((await CasesAsync(village)).Select(c => c.GetProperty("areaCode").GetString()), a => a!.StartsWith("XT-GHJD", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SampleCases_AreNotSeeded_WhenTurnedOff()
    {
        await using var app = WithSampleCases("false");
        var admin = await app.LoginAsync();

        Assert.Empty(await CasesAsync(admin));
    }

    private static async Task<List<JsonElement>> CasesAsync(HttpClient client)
        => (await (await client.GetAsync("/api/cases")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();

    private static async Task<List<string>> ElementsAsync(HttpClient client, string url)
        => (await (await client.GetAsync(url)).JsonAsync()).EnumerateArray().Select(t => t.GetProperty("elementId").GetString()!).ToList();
}
