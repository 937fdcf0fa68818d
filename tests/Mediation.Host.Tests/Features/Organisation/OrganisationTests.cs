using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mediation.Host.Tests.Features.Organisation;

/// <summary><c>/api/org</c> on the sample tree; each test that adds units adds its own town under a fresh code.</summary>
public abstract class OrganisationTests(MediationAppFactory app)
{
    private static string FreshCode() => "T" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant();

    private static IEnumerable<JsonElement> Children(JsonElement node) => node.GetProperty("children").EnumerateArray();

    private static JsonElement Child(JsonElement node, string code) => Children(node).Single(c => c.GetProperty("code").GetString() == code);

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("errors");
    }

    [Fact]
    public async Task Tree_HoldsTheRuralAndUrbanShapes_OfTheSampleData()
    {
        var client = await app.LoginAsync();

        var tree = await (await client.GetAsync("/api/org", TestContext.Current.CancellationToken)).JsonAsync();

        var county = Assert.Single(tree.EnumerateArray());
        Assert.Equal("XT", county.GetProperty("code").GetString());
        Assert.Contains("示例", county.GetProperty("name").GetString());
        var household = Child(Child(Child(Child(county, "XT-ZCZ"), "XT-ZCZ-XHC"), "XT-ZCZ-XHC-1Z"), "XT-ZCZ-XHC-1Z-001");
        Assert.Equal("Household", household.GetProperty("kind").GetString());
        var lead = Child(Child(Child(Child(Child(county, "XT-GHJD"), "XT-GHJD-XYSQ"), "XT-GHJD-XYSQ-HY"), "XT-GHJD-XYSQ-HY-3D"), "XT-GHJD-XYSQ-HY-3D-ZXH");
        Assert.Equal("LeadHousehold", lead.GetProperty("kind").GetString());
        Assert.Equal(["JudicialOffice", "MediationCommittee", "PeoplesTribunal", "PoliceStation"],
            Children(Child(county, "XT-ZCZ")).Select(c => c.GetProperty("kind").GetString()).Where(k => k is not ("Village")).Order().ToArray());
    }

    [Fact]
    public async Task Tree_ReturnsTheSubtree_WhenRootIsGiven()
    {
        var client = await app.LoginAsync();

        var subtree = await (await client.GetAsync("/api/org?root=XT-GHJD-XYSQ-HY", TestContext.Current.CancellationToken)).JsonAsync();

        var compound = Assert.Single(subtree.EnumerateArray());
        Assert.Equal("XT-GHJD-XYSQ-HY-3D-ZXH", Child(Child(compound, "XT-GHJD-XYSQ-HY-3D"), "XT-GHJD-XYSQ-HY-3D-ZXH").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/org?root=XT-NOWHERE", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Unit_ShowsItsLineAndMembers()
    {
        var client = await app.LoginAsync();

        var unit = await (await client.GetAsync("/api/org/XT-ZCZ-XHC-TWH", TestContext.Current.CancellationToken)).JsonAsync();

        Assert.Equal("MediationCommittee", unit.GetProperty("kind").GetString());
        Assert.Equal("XT-ZCZ-XHC", unit.GetProperty("parentCode").GetString());
        Assert.Equal(["XT", "XT-ZCZ", "XT-ZCZ-XHC", "XT-ZCZ-XHC-TWH"], unit.GetProperty("path").EnumerateArray().Select(p => p.GetString()).ToArray());
        var member = Assert.Single(unit.GetProperty("members").EnumerateArray());
        Assert.Equal("li.village", member.GetProperty("userName").GetString());
        Assert.Equal("villageMediators", member.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/org/XT-NOWHERE", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task AddUnit_AddsAVillageUnderATown_AndItsCommitteeResolves()
    {
        var client = await app.LoginAsync();
        var town = $"XT-{FreshCode()}";
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/org", new { code = town, name = "测试镇", kind = "Town", parentCode = "XT" }, ct)).StatusCode);
        var village = await client.PostAsJsonAsync("/api/org", new { code = $"{town}-C1", name = "测试村", kind = "village", parentCode = town }, ct);
        (await client.PostAsJsonAsync("/api/org", new { code = $"{town}-C1-TWH", name = "测试村调委会", kind = "MediationCommittee", parentCode = $"{town}-C1" }, ct)).EnsureSuccessStatusCode();
        var member = await client.PostAsJsonAsync($"/api/org/{town}-C1-TWH/members", new { userName = "li.village", role = "villageMediators" }, ct);
        var again = await client.PostAsJsonAsync($"/api/org/{town}-C1-TWH/members", new { userName = "li.village", role = "villageMediators" }, ct);

        Assert.Equal(HttpStatusCode.Created, village.StatusCode);
        Assert.Equal($"/XT/{town}/{town}-C1/", (await village.JsonAsync()).GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.Created, member.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var resolved = await (await client.GetAsync($"/api/org/resolve?group=villageMediators&area={town}-C1", ct)).JsonAsync();
        Assert.Equal(["li.village"], resolved.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("userName").GetString()).ToArray());
        Assert.Equal($"{town}-C1-TWH", resolved.GetProperty("people")[0].GetProperty("unitCode").GetString());
    }

    [Fact]
    public async Task AddUnit_Returns400NamingTheField_WhenKindOrParentIsWrong()
    {
        var client = await app.LoginAsync();
        var ct = TestContext.Current.CancellationToken;

        var badKind = await ErrorsAsync(await client.PostAsJsonAsync("/api/org", new { code = FreshCode(), name = "x", kind = "Hamlet", parentCode = "XT" }, ct));
        var villageUnderCounty = await ErrorsAsync(await client.PostAsJsonAsync("/api/org", new { code = FreshCode(), name = "x", kind = "Village", parentCode = "XT" }, ct));
        var communityUnderTown = await ErrorsAsync(await client.PostAsJsonAsync("/api/org", new { code = FreshCode(), name = "x", kind = "Community", parentCode = "XT-ZCZ" }, ct));
        var unknownParent = await ErrorsAsync(await client.PostAsJsonAsync("/api/org", new { code = FreshCode(), name = "x", kind = "Village", parentCode = "XT-NOWHERE" }, ct));
        var badCode = await ErrorsAsync(await client.PostAsJsonAsync("/api/org", new { code = "xt ab", name = "", kind = "Town", parentCode = "XT" }, ct));
        var takenCode = await ErrorsAsync(await client.PostAsJsonAsync("/api/org", new { code = "XT-ZCZ", name = "x", kind = "Town", parentCode = "XT" }, ct));

        Assert.Contains("Hamlet", badKind.GetProperty("kind")[0].GetString());
        Assert.Contains("must sit under a Town", villageUnderCounty.GetProperty("parentCode")[0].GetString());
        Assert.Contains("must sit under a Subdistrict", communityUnderTown.GetProperty("parentCode")[0].GetString());
        Assert.Contains("XT-NOWHERE", unknownParent.GetProperty("parentCode")[0].GetString());
        Assert.True(badCode.TryGetProperty("code", out _));
        Assert.True(badCode.TryGetProperty("name", out _));
        Assert.Contains("already taken", takenCode.GetProperty("code")[0].GetString());
    }

    [Fact]
    public async Task AddMember_Returns400NamingTheField_WhenUserOrRoleIsWrong()
    {
        var client = await app.LoginAsync();
        var ct = TestContext.Current.CancellationToken;

        var badRole = await ErrorsAsync(await client.PostAsJsonAsync("/api/org/XT-ZCZ-SFS/members", new { userName = "zhao.judicial", role = "judges" }, ct));
        var noUser = await ErrorsAsync(await client.PostAsJsonAsync("/api/org/XT-ZCZ-SFS/members", new { userName = "nobody.here", role = "judicialOffice" }, ct));
        var noUnit = await client.PostAsJsonAsync("/api/org/XT-NOWHERE/members", new { userName = "zhao.judicial", role = "judicialOffice" }, ct);

        Assert.Contains("judges", badRole.GetProperty("role")[0].GetString());
        Assert.Contains("nobody.here", noUser.GetProperty("userName")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, noUnit.StatusCode);
    }

    [Fact]
    public async Task Writes_AreForAdministrators_ReadsForEveryUser()
    {
        var mediator = await app.LoginAsync("li.village", MediationAppFactory.SamplePassword);
        var ct = TestContext.Current.CancellationToken;

        var add = await mediator.PostAsJsonAsync("/api/org", new { code = FreshCode(), name = "x", kind = "Town", parentCode = "XT" }, ct);
        var member = await mediator.PostAsJsonAsync("/api/org/XT-ZCZ-SFS/members", new { userName = "li.village", role = "judicialOffice" }, ct);
        var resolve = await mediator.GetAsync("/api/org/resolve?group=court&area=XT-ZCZ-XHC", ct);

        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        Assert.Equal("lin.tribunal", (await resolve.JsonAsync()).GetProperty("people")[0].GetProperty("userName").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/org", ct)).StatusCode);
    }

    [Fact]
    public async Task Resolve_Returns400NamingTheField_WhenGroupOrAreaIsUnknown()
    {
        var client = await app.LoginAsync();
        var ct = TestContext.Current.CancellationToken;

        var badGroup = await ErrorsAsync(await client.GetAsync("/api/org/resolve?group=mediators&area=XT", ct));
        var noArea = await ErrorsAsync(await client.GetAsync("/api/org/resolve?group=court", ct));

        Assert.Contains("mediators", badGroup.GetProperty("group")[0].GetString());
        Assert.True(noArea.TryGetProperty("area", out _));
    }

    [Fact]
    public async Task SampleUsers_AreInTheIdentityRoleOfTheirGroup()
    {
        var wang = await app.LoginAsync("wang.town", MediationAppFactory.SamplePassword);
        var (_, instanceId) = await (await app.LoginAsync()).DeployAndStartAsync("XT-ORG-" + FreshCode());
        var admin = await app.LoginAsync();
        await admin.PostAsync($"/api/tasks/{await admin.OpenTaskIdAsync(instanceId, "Task_First")}/complete",
            JsonContent.Create(new { variables = new { } }), TestContext.Current.CancellationToken);

        var tasks = await (await wang.GetAsync("/api/tasks", TestContext.Current.CancellationToken)).JsonAsync();

        Assert.Contains(tasks.EnumerateArray(), t => t.GetProperty("instanceId").GetGuid() == instanceId
            && t.GetProperty("elementId").GetString() == "Task_Second");
    }
}

public sealed class OrganisationTestsOnSqlite(SqliteAppFactory app) : OrganisationTests(app), IClassFixture<SqliteAppFactory>;

public sealed class OrganisationTestsOnPostgreSql(PostgreSqlAppFactory app) : OrganisationTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
