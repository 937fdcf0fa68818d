using System.Net;
using System.Net.Http.Json;

namespace Mediation.Host.Tests.Features.Tasks;

public abstract class CompleteTaskTests(MediationAppFactory app)
{
    [Fact]
    public async Task Complete_MovesToNextTaskAndEnds()
    {
        var client = await app.LoginAsync();
        var (_, id) = await client.DeployAndStartAsync("XT-2026-000010");

        var first = await client.OpenTaskIdAsync(id, "Task_First");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/tasks/{first}/complete", new { })).StatusCode);
        var second = await client.OpenTaskIdAsync(id, "Task_Second");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/tasks/{second}/complete", new { })).StatusCode);

        var instance = await (await client.GetAsync($"/api/instances/{id}")).JsonAsync();
        Assert.Equal("Completed", instance.GetProperty("status").GetString());
        Assert.Empty(instance.GetProperty("waiting").EnumerateArray());
    }

    [Fact]
    public async Task Complete_Returns409_WhenTaskIsAlreadyCompleted()
    {
        var client = await app.LoginAsync();
        var (_, id) = await client.DeployAndStartAsync("XT-2026-000011");
        var task = await client.OpenTaskIdAsync(id, "Task_First");
        (await client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { })).EnsureSuccessStatusCode();

        var again = await client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Complete_Returns409_WhenExpectedRevisionIsStale()
    {
        var client = await app.LoginAsync();
        var (_, id) = await client.DeployAndStartAsync("XT-2026-000012");
        var task = await client.OpenTaskIdAsync(id, "Task_First");

        var response = await client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { expectedRevision = 7 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Complete_Returns404_WhenTaskBelongsToAnotherGroup()
    {
        var admin = await app.LoginAsync();
        var (_, id) = await admin.DeployAndStartAsync("XT-2026-000013");
        var task = await admin.OpenTaskIdAsync(id, "Task_First");
        await app.CreateUserAsync("town-wang", "Town-Password-123", "townMediators");
        var townMediator = await app.LoginAsync("town-wang", "Town-Password-123");

        var response = await townMediator.PostAsJsonAsync($"/api/tasks/{task}/complete", new { });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task List_ShowsTask_OnlyToItsCandidateGroup()
    {
        var admin = await app.LoginAsync();
        var (_, id) = await admin.DeployAndStartAsync("XT-2026-000014");
        await app.CreateUserAsync("village-zhao", "Village-Password-1", "villageMediators");
        await app.CreateUserAsync("police-sun", "Police-Password-12", "policeStation");

        var village = await (await (await app.LoginAsync("village-zhao", "Village-Password-1")).GetAsync("/api/tasks?candidate=true")).JsonAsync();
        var police = await (await (await app.LoginAsync("police-sun", "Police-Password-12")).GetAsync("/api/tasks")).JsonAsync();

        Assert.Contains(village.EnumerateArray(), t => t.GetProperty("instanceId").GetGuid() == id);
        Assert.DoesNotContain(police.EnumerateArray(), t => t.GetProperty("instanceId").GetGuid() == id);
    }

    [Fact]
    public async Task Complete_SetsVariablesOnInstance()
    {
        var client = await app.LoginAsync();
        var (_, id) = await client.DeployAndStartAsync("XT-2026-000015");
        var task = await client.OpenTaskIdAsync(id, "Task_First");

        (await client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { variables = new { accepted = true, riskLevel = "low" } })).EnsureSuccessStatusCode();

        var variables = (await (await client.GetAsync($"/api/instances/{id}")).JsonAsync()).GetProperty("variables");
        Assert.True(variables.GetProperty("accepted").GetBoolean());
        Assert.Equal("low", variables.GetProperty("riskLevel").GetString());
    }
}

public sealed class CompleteTaskTestsOnSqlite(SqliteAppFactory app) : CompleteTaskTests(app), IClassFixture<SqliteAppFactory>;

public sealed class CompleteTaskTestsOnPostgreSql(PostgreSqlAppFactory app) : CompleteTaskTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
