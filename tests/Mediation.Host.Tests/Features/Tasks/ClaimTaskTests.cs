using System.Net;
using System.Net.Http.Json;

namespace Mediation.Host.Tests.Features.Tasks;

public abstract class ClaimTaskTests(MediationAppFactory app)
{
    [Fact]
    public async Task Claim_MakesTaskMine_AndOthersOfTheGroupGet409()
    {
        var admin = await app.LoginAsync();
        var (_, id) = await admin.DeployAndStartAsync("XT-2026-000200");
        var task = await admin.OpenTaskIdAsync(id, "Task_First");
        await app.CreateUserAsync("village-qian", "Village-Password-2", "villageMediators");
        await app.CreateUserAsync("village-zhou", "Village-Password-3", "villageMediators");
        var qian = await app.LoginAsync("village-qian", "Village-Password-2");
        var zhou = await app.LoginAsync("village-zhou", "Village-Password-3");

        Assert.Equal(HttpStatusCode.NoContent, (await qian.PostAsync($"/api/tasks/{task}/claim", null)).StatusCode);

        var mine = await (await qian.GetAsync("/api/tasks?mine=true")).JsonAsync();
        Assert.Contains(mine.EnumerateArray(), t => t.GetProperty("id").GetGuid() == task);
        Assert.Equal(HttpStatusCode.NotFound, (await zhou.PostAsync($"/api/tasks/{task}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await qian.PostAsync($"/api/tasks/{task}/unclaim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await zhou.PostAsync($"/api/tasks/{task}/claim", null)).StatusCode);
    }

    [Fact]
    public async Task Complete_AnswersTheSame_WhenRetriedWithTheSameOperationId()
    {
        var client = await app.LoginAsync();
        var (_, id) = await client.DeployAndStartAsync("XT-2026-000201");
        var task = await client.OpenTaskIdAsync(id, "Task_First");
        var operationId = Guid.NewGuid().ToString();

        var first = await client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { operationId });
        var retry = await client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { operationId });

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
        var journal = await (await client.GetAsync($"/api/instances/{id}/journal")).JsonAsync();
        Assert.Single(journal.EnumerateArray(), e => e.GetProperty("kind").GetString() == "TaskCompleted");
    }
}

public sealed class ClaimTaskTestsOnSqlite(SqliteAppFactory app) : ClaimTaskTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ClaimTaskTestsOnPostgreSql(PostgreSqlAppFactory app) : ClaimTaskTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
