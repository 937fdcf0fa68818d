using System.Net;
using System.Net.Http.Json;

namespace Mediation.Host.Tests.Features.Instances;

public abstract class InstancesTests(MediationAppFactory app)
{
    [Fact]
    public async Task Start_ReturnsInstanceWaitingAtFirstTask()
    {
        var client = await app.LoginAsync();
        var (_, id) = await client.DeployAndStartAsync("XT-2026-000001");

        var instance = await (await client.GetAsync($"/api/instances/{id}")).JsonAsync();

        Assert.Equal("Running", instance.GetProperty("status").GetString());
        Assert.Equal(["Task_First"], instance.GetProperty("waiting").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("neighbour", instance.GetProperty("variables").GetProperty("category").GetString());
        Assert.Equal("XT-2026-000001", instance.GetProperty("businessKey").GetString());
    }

    [Fact]
    public async Task Start_Returns404_WhenKeyIsUnknown()
    {
        var client = await app.LoginAsync();

        var response = await client.PostAsJsonAsync("/api/instances", new { definitionKey = "NoSuchProcess", businessKey = "X" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_Returns404_WhenInstanceIsMissing()
    {
        var client = await app.LoginAsync();

        var response = await client.GetAsync($"/api/instances/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Journal_RecordsEveryStepWithActor()
    {
        var client = await app.LoginAsync();
        var (_, id) = await client.DeployAndStartAsync("XT-2026-000002");
        var taskId = await client.OpenTaskIdAsync(id, "Task_First");
        (await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { variables = new { outcome = "agreed" } })).EnsureSuccessStatusCode();

        var journal = (await (await client.GetAsync($"/api/instances/{id}/journal")).JsonAsync()).EnumerateArray().ToList();

        var kinds = journal.Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal("InstanceStarted", kinds[0]);
        Assert.Contains("TaskCreated", kinds);
        Assert.Contains("TaskCompleted", kinds);
        var change = Assert.Single(journal, e => e.GetProperty("kind").GetString() == "VariableChanged"
            && e.GetProperty("data").GetProperty("name").GetString() == "outcome");
        Assert.Equal("agreed", change.GetProperty("data").GetProperty("newValue").GetString());
        Assert.All(journal.Where(e => e.GetProperty("kind").GetString() == "TaskCompleted"),
            e => Assert.Equal("admin", e.GetProperty("actor").GetString()));
    }
}

public sealed class InstancesTestsOnSqlite(SqliteAppFactory app) : InstancesTests(app), IClassFixture<SqliteAppFactory>;

public sealed class InstancesTestsOnPostgreSql(PostgreSqlAppFactory app) : InstancesTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
