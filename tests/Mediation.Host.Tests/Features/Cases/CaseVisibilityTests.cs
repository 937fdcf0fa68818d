using System.Net.Http.Json;
using System.Net;
using static Mediation.Host.Tests.Features.Cases.CaseTestData;

namespace Mediation.Host.Tests.Features.Cases;

/// <summary>
/// Who sees which case on the sample tree: cases in 新河村 and 高家村 (both 郑场镇) and in 李家村 (毛嘴镇), seen by village
/// mediators of each village, the town's judicial office, police station and tribunal, a town mediator of both towns,
/// the county's supervisor and court, a community mediator elsewhere, and the administrator.
/// </summary>
public abstract class CaseVisibilityTests(MediationAppFactory app)
{
    [Fact]
    public async Task Cases_AreListedAndReadable_OnlyWhereTheUserServesTheirArea_ElseNotFound()
    {
        var admin = await app.LoginAsync();
        await DeployContractKeysAsync(admin);
        var gao = await app.MemberAsync("XT-ZCZ-GJC-TWH", "villageMediators", "gao");
        var xhc = Number(await admin.RegisterAsync(Intake(areaCode: "XT-ZCZ-XHC-1Z")));
        var gjc = Number(await admin.RegisterAsync(Intake(areaCode: "XT-ZCZ-GJC-1Z")));
        var ljc = Number(await admin.RegisterAsync(Intake(areaCode: "XT-MZZ-LJC-3Z-001")));
        var expected = new Dictionary<string, string[]>
        {
            ["li.village"] = [xhc],
            [gao] = [gjc],
            ["zhao.judicial"] = [xhc, gjc],
            ["chen.police"] = [xhc, gjc],
            ["lin.tribunal"] = [xhc, gjc],
            ["wang.town"] = [xhc, gjc, ljc],
            ["zhou.supervisor"] = [xhc, gjc, ljc],
            ["sun.court"] = [xhc, gjc, ljc],
            ["liu.community"] = [],
            ["admin"] = [xhc, gjc, ljc],
        };

        foreach (var (user, visible) in expected)
        {
            var client = await app.AsAsync(user);
            var listed = (await (await client.GetAsync("/api/cases")).JsonAsync()).GetProperty("items").EnumerateArray()
                .Select(c => c.GetProperty("caseNumber").GetString()!).Where(n => n == xhc || n == gjc || n == ljc).Order().ToList();
            Assert.True(visible.Order().SequenceEqual(listed), $"{user} lists {string.Join(", ", listed)}");
            foreach (var number in new[] { xhc, gjc, ljc })
            {
                var status = (await client.GetAsync($"/api/cases/{number}")).StatusCode;
                Assert.True(visible.Contains(number) ? status == HttpStatusCode.OK : status == HttpStatusCode.NotFound, $"{user} GET {number}: {status}");
            }
        }
    }

    [Fact]
    public async Task CaseInstance_JournalAndMessages_AreNotFound_ForSomeoneWhoMayNotSeeTheCase()
    {
        var admin = await app.LoginAsync();
        await DeployContractKeysAsync(admin);
        var registered = await admin.RegisterAsync(Intake(areaCode: "XT-ZCZ-XHC-1Z"));
        var (number, instance) = (registered.GetProperty("caseNumber").GetString()!, registered.GetProperty("processInstanceId").GetGuid());
        var outsider = await app.AsAsync("liu.community");
        var insider = await app.AsAsync("li.village");

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/instances/{instance}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/instances/{instance}/journal")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/instances/{instance}/suspend", null)).StatusCode);
        var message = await outsider.PostAsJsonAsync("/api/messages", new { name = "PartyWithdrew", correlationKey = number });
        Assert.Equal(HttpStatusCode.NotFound, message.StatusCode);
        var keyless = await outsider.PostAsJsonAsync("/api/messages", new { name = "PartyWithdrew" });
        Assert.Equal(HttpStatusCode.BadRequest, keyless.StatusCode);
        Assert.Contains("correlationKey", await keyless.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await insider.GetAsync($"/api/instances/{instance}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await insider.GetAsync($"/api/instances/{instance}/journal")).StatusCode);
        Assert.Equal("Running", (await (await admin.GetAsync($"/api/instances/{instance}")).JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task CaseIncidents_AreListedAndRetried_OnlyByThoseWhoMaySeeTheCase()
    {
        var admin = await app.LoginAsync();
        var key = "Unassignable" + Guid.NewGuid().ToString("n")[..8];
        (await admin.PostXmlAsync("/api/definitions", AssignThenMediate(key, "noSuchGroup"))).EnsureSuccessStatusCode();
        var number = Number(await admin.RegisterAsync(Intake(areaCode: "XT-ZCZ-XHC-1Z", definitionKey: key)));
        var outsider = await app.AsAsync("liu.community");
        var insider = await app.AsAsync("li.village");

        var seen = await IncidentKeysAsync(insider);
        var hidden = await IncidentKeysAsync(outsider);
        var incident = (await (await admin.GetAsync("/api/incidents")).JsonAsync()).EnumerateArray()
            .Single(i => i.GetProperty("businessKey").GetString() == number).GetProperty("id").GetGuid();

        Assert.Contains(number, seen);
        Assert.DoesNotContain(number, hidden);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/incidents/{incident}/retry", null)).StatusCode);
    }

    private static async Task<List<string?>> IncidentKeysAsync(HttpClient client)
        => (await (await client.GetAsync("/api/incidents")).JsonAsync()).EnumerateArray().Select(i => i.GetProperty("businessKey").GetString()).ToList();

    [Theory]
    [InlineData("camunda:assignee=\"liu.community\"")]
    [InlineData("camunda:candidateUsers=\"liu.community\"")]
    public async Task Case_IsSeen_BySomeoneElsewhereWhoseTaskItIs(string attribute)
    {
        var admin = await app.LoginAsync();
        var key = "Named" + Guid.NewGuid().ToString("n")[..8];
        (await admin.PostXmlAsync("/api/definitions", OneTask(key, extra: attribute))).EnsureSuccessStatusCode();
        var number = Number(await admin.RegisterAsync(Intake(areaCode: "XT-MZZ-LJC-3Z", definitionKey: key)));
        var liu = await app.AsAsync("liu.community");
        var li = await app.AsAsync("li.village");

        var listed = await (await liu.GetAsync($"/api/cases")).JsonAsync();
        var read = await liu.GetAsync($"/api/cases/{number}");

        Assert.Contains(number, listed.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("caseNumber").GetString()));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(number, (await read.JsonAsync()).GetProperty("openTasks")[0].GetProperty("businessKey").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await li.GetAsync($"/api/cases/{number}")).StatusCode);
    }

    [Fact]
    public async Task List_FiltersByStatusCategoryAndArea_AndRefusesUnknownFilters()
    {
        var admin = await app.LoginAsync();
        await DeployContractKeysAsync(admin);
        var family = Number(await admin.RegisterAsync(Intake(areaCode: "XT-ZCZ-GJC-1Z", category: "marriageFamily")));
        var zcz = await app.AsAsync("zhao.judicial");

        var page = await (await zcz.GetAsync("/api/cases?status=InProgress&category=marriageFamily&area=XT-ZCZ-GJC&page=1")).JsonAsync();
        var refused = await zcz.GetAsync("/api/cases?status=Lost&category=quarrel&area=XT-NOWHERE&page=0");

        Assert.Contains(family, page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("caseNumber").GetString()));
        Assert.All(page.GetProperty("items").EnumerateArray(), c => Assert.Equal("marriageFamily", c.GetProperty("category").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["area", "category", "page", "status"],
            (await refused.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    private static string Number(System.Text.Json.JsonElement created) => created.GetProperty("caseNumber").GetString()!;
}

public sealed class CaseVisibilityTestsOnSqlite(SqliteAppFactory app) : CaseVisibilityTests(app), IClassFixture<SqliteAppFactory>;

public sealed class CaseVisibilityTestsOnPostgreSql(PostgreSqlAppFactory app) : CaseVisibilityTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
