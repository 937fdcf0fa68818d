using System.Net.Http.Json;
using System.Text.Json;
using static Mediation.Host.Tests.Features.Cases.CaseTestData;

namespace Mediation.Host.Tests.Features.Cases;

/// <summary>
/// The <c>assignByArea</c> service task on the sample tree: the village's committee members (made per test in a new
/// village of 郑场镇, so workloads start at zero), the fewest open assigned tasks first, ties by name.
/// </summary>
public abstract class AssignByAreaTests(MediationAppFactory app)
{
    [Fact]
    public async Task AssignByArea_ChoosesTheOnlyMemberServingTheArea()
    {
        var admin = await app.LoginAsync();
        var key = await DeployAsync(admin, "villageMediators");

        var created = await admin.RegisterAsync(Intake(areaCode: "XT-ZCZ-XHC-1Z-001", definitionKey: key));

        Assert.Equal("li.village", await MediatorAsync(admin, created));
        Assert.Equal("li.village", (await TaskAsync(admin, created)).GetProperty("assignee").GetString());
    }

    [Fact]
    public async Task AssignByArea_ChoosesTheFewestOpenTasks_ThenTheFirstName()
    {
        var admin = await app.LoginAsync();
        var key = await DeployAsync(admin, "villageMediators");
        var village = await NewVillageAsync(admin);
        var b = await app.MemberAsync($"{village}-TWH", "villageMediators", "b");
        var a = await app.MemberAsync($"{village}-TWH", "villageMediators", "a");

        var first = await MediatorAsync(admin, await admin.RegisterAsync(Intake(areaCode: village, definitionKey: key)));
        var second = await MediatorAsync(admin, await admin.RegisterAsync(Intake(areaCode: village, definitionKey: key)));
        var third = await MediatorAsync(admin, await admin.RegisterAsync(Intake(areaCode: village, definitionKey: key)));

        Assert.Equal(a, first);     // both have none: the first by name
        Assert.Equal(b, second);    // a holds one now
        Assert.Equal(a, third);     // one each: the first by name again
    }

    [Fact]
    public async Task AssignByArea_RaisesAnIncident_WhenNobodyServesTheArea()
    {
        var admin = await app.LoginAsync();
        var key = await DeployAsync(admin, "villageMediators");

        var created = await admin.RegisterAsync(Intake(areaCode: "XT-MZZ-LJC-3Z", definitionKey: key));

        var instance = created.GetProperty("processInstanceId").GetGuid();
        var incident = Assert.Single((await (await admin.GetAsync($"/api/incidents?instanceId={instance}")).JsonAsync()).EnumerateArray());
        Assert.Equal("Service_Assign", incident.GetProperty("elementId").GetString());
        Assert.Contains("nobody in villageMediators serves XT-MZZ-LJC-3Z", incident.GetProperty("message").GetString());
        Assert.Empty(created.GetProperty("newTasks").EnumerateArray());
    }

    private static async Task<string> DeployAsync(HttpClient admin, string group)
    {
        var key = "Assign" + Guid.NewGuid().ToString("n")[..8];
        (await admin.PostXmlAsync("/api/definitions", AssignThenMediate(key, group))).EnsureSuccessStatusCode();
        return key;
    }

    /// <summary>A new village of 郑场镇 with a mediation committee and nobody in it yet.</summary>
    private static async Task<string> NewVillageAsync(HttpClient admin)
    {
        var code = "XT-ZCZ-V" + Guid.NewGuid().ToString("n")[..6].ToUpperInvariant();
        (await admin.PostAsJsonAsync("/api/org", new { code, name = "测试村（示例）", kind = "Village", parentCode = "XT-ZCZ" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/org", new { code = $"{code}-TWH", name = "测试村调委会（示例）", kind = "MediationCommittee", parentCode = code }))
            .EnsureSuccessStatusCode();
        return code;
    }

    private static async Task<string?> MediatorAsync(HttpClient admin, JsonElement created)
    {
        var instance = await (await admin.GetAsync($"/api/instances/{created.GetProperty("processInstanceId").GetGuid()}")).JsonAsync();
        return instance.GetProperty("variables").GetProperty("mediator").GetString();
    }

    private static async Task<JsonElement> TaskAsync(HttpClient admin, JsonElement created)
        => (await (await admin.GetAsync($"/api/cases/{created.GetProperty("caseNumber").GetString()}")).JsonAsync()).GetProperty("openTasks")[0];
}

public sealed class AssignByAreaTestsOnSqlite(SqliteAppFactory app) : AssignByAreaTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AssignByAreaTestsOnPostgreSql(PostgreSqlAppFactory app) : AssignByAreaTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
