using System.Net;
using System.Net.Http.Json;

namespace Mediation.Host.Tests.Features.Instances;

public abstract class InstanceLifecycleTests(MediationAppFactory app)
{
    [Fact]
    public async Task Suspend_BlocksCompletion_UntilResumed()
    {
        var client = await app.LoginAsync();
        var (_, id) = await client.DeployAndStartAsync("XT-2026-000100");
        var task = await client.OpenTaskIdAsync(id, "Task_First");

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/instances/{id}/suspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/instances/{id}/resume", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { })).StatusCode);
    }

    [Fact]
    public async Task Cancel_EndsInstanceAndItsTasks()
    {
        var client = await app.LoginAsync();
        var (_, id) = await client.DeployAndStartAsync("XT-2026-000101");

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/instances/{id}/cancel", null)).StatusCode);

        var instance = await (await client.GetAsync($"/api/instances/{id}")).JsonAsync();
        Assert.Equal("Cancelled", instance.GetProperty("status").GetString());
        var tasks = await (await client.GetAsync("/api/tasks")).JsonAsync();
        Assert.DoesNotContain(tasks.EnumerateArray(), t => t.GetProperty("instanceId").GetGuid() == id);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/instances/{id}/cancel", null)).StatusCode);
    }
}

public sealed class InstanceLifecycleTestsOnSqlite(SqliteAppFactory app) : InstanceLifecycleTests(app), IClassFixture<SqliteAppFactory>;

public sealed class InstanceLifecycleTestsOnPostgreSql(PostgreSqlAppFactory app) : InstanceLifecycleTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
