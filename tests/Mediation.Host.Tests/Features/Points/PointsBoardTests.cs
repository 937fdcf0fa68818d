using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mediation.Host.Tests.Features.Points;

/// <summary>The public board shows names, totals and "mediation service +N" only; accounts are read by their owners and managers.</summary>
public abstract class PointsBoardTests(MediationAppFactory app)
{
    [Fact]
    public async Task Board_ShowsNamesTotalsAndMediationService_ButNoCaseDetails()
    {
        var admin = await app.LoginAsync();
        var name = PointsKit.Fresh("vol");
        var volunteer = await app.UserAsync(name);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/org/XT-ZCZ-XHC-1Z/members", new { userName = name, role = "gridMembers" })).StatusCode);
        var businessKey = "XT-PTS-SECRET-" + PointsKit.Fresh("");
        var (key, _) = await admin.StartCaseAsync(businessKey);
        await AwardAsync(new { userName = name, amount = 3, reason = "邻里宅基地纠纷协助 secret-reason", businessKey });
        await AwardAsync(new { householdCode = "XT-ZCZ-XHC-1Z-001", amount = 2, reason = "secret-reason 户", businessKey });

        var response = await volunteer.GetAsync("/api/points/board?unit=XT-ZCZ-XHC");
        var text = await response.Content.ReadAsStringAsync();
        var lines = (await response.JsonAsync()).GetProperty("lines").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var person = lines.Single(l => l.GetProperty("name").GetString() == name);
        Assert.Equal((3, "mediation service +3", "Person"), (person.Int("total"), person.GetProperty("service").GetString(), person.GetProperty("kind").GetString()));
        var household = lines.Single(l => l.GetProperty("kind").GetString() == "Household");
        Assert.Equal(("一组张家（示例）", 2, "mediation service +2"), (household.GetProperty("name").GetString(), household.Int("total"), household.GetProperty("service").GetString()));
        Assert.Equal(["kind", "name", "service", "total"], person.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var secret in new[] { businessKey, "secret-reason", key, "Task_", "li.village", "zhou.supervisor" }) Assert.DoesNotContain(secret, text);
    }

    [Fact]
    public async Task Board_LeavesOutAccountsOutsideTheUnit_AndRefusesAnUnknownUnit()
    {
        var name = PointsKit.Fresh("vol");
        var volunteer = await app.UserAsync(name);
        var admin = await app.LoginAsync();
        await admin.PostAsJsonAsync("/api/org/XT-MZZ-LJC-3Z/members", new { userName = name, role = "gridMembers" });
        await AwardAsync(new { userName = name, amount = 1, reason = "x" });

        var elsewhere = await (await volunteer.GetAsync("/api/points/board?unit=XT-ZCZ")).JsonAsync();
        var own = await (await volunteer.GetAsync("/api/points/board?unit=XT-MZZ")).JsonAsync();
        var unknown = await (await volunteer.GetAsync("/api/points/board?unit=XT-NOWHERE")).ErrorsAsync();
        var everyone = await (await volunteer.GetAsync("/api/points/board")).JsonAsync();

        Assert.DoesNotContain(elsewhere.GetProperty("lines").EnumerateArray(), l => l.GetProperty("name").GetString() == name);
        Assert.Contains(own.GetProperty("lines").EnumerateArray(), l => l.GetProperty("name").GetString() == name);
        Assert.True(unknown.TryGetProperty("unit", out _));
        Assert.Contains(everyone.GetProperty("lines").EnumerateArray(), l => l.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task Accounts_AreReadByTheirOwnerAndManagersOnly_AndWritesNeedTheirRoles()
    {
        var name = PointsKit.Fresh("vol");
        var owner = await app.UserAsync(name);
        await AwardAsync(new { userName = name, amount = 1, reason = "x" });
        var account = (await owner.MeAsync()).Int("id");
        var stranger = await app.UserAsync(PointsKit.Fresh("grid"), "gridMembers");
        var supervisor = await app.SampleAsync("zhou.supervisor");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/points/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/points/accounts/{account}/entries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/points/accounts/{account}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/points/accounts/{account}/entries")).StatusCode);
        Assert.Equal(1, (await (await supervisor.GetAsync($"/api/points/accounts?userName={name}")).JsonAsync()).Int("balance"));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync("/api/points/entries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync("/api/points/entries", new { userName = name, amount = 5, reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync("/api/points/process", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostAsJsonAsync("/api/points/rules", new { name = "x" })).StatusCode);
    }

    [Fact]
    public async Task Confirmer_CannotApproveTheirOwnPoints()
    {
        var mediator = await app.SampleAsync("li.village");
        var entry = await (await (await app.SampleAsync("zhou.supervisor")).PostAsJsonAsync("/api/points/entries",
            new { userName = "li.village", amount = 2, reason = "组织调解" })).JsonAsync();

        var own = await mediator.PostAsJsonAsync($"/api/points/entries/{entry.GetProperty("id")}/confirm", new { });

        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("own points", (await own.JsonAsync()).GetProperty("title").GetString());
    }

    /// <summary>A manual award asked for by a mediator and confirmed by the supervisor.</summary>
    private async Task AwardAsync(object body)
    {
        var asked = await (await app.SampleAsync("li.village")).PostAsJsonAsync("/api/points/entries", body);
        Assert.True(asked.StatusCode == HttpStatusCode.Created, await asked.Content.ReadAsStringAsync());
        var id = (await asked.JsonAsync()).GetProperty("id");
        Assert.Equal(HttpStatusCode.OK, (await (await app.SampleAsync("zhou.supervisor")).PostAsJsonAsync($"/api/points/entries/{id}/confirm", new { })).StatusCode);
    }
}

public sealed class PointsBoardTestsOnSqlite(SqliteAppFactory app) : PointsBoardTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PointsBoardTestsOnPostgreSql(PostgreSqlAppFactory app) : PointsBoardTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
