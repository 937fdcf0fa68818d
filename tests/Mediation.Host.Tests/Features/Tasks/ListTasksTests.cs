using System.Net.Http.Json;

namespace Mediation.Host.Tests.Features.Tasks;

public abstract class ListTasksTests(MediationAppFactory app)
{
    [Fact]
    public async Task List_ReturnsTheDueInstant_AndFlagsTheTaskOverdue_WhenItsDueDateHasPassed()
    {
        var client = await app.LoginAsync();
        var key = "Due" + Guid.NewGuid().ToString("n")[..8];
        (await client.PostXmlAsync("/api/definitions", TestBpmnEvents.Deadlines(key))).EnsureSuccessStatusCode();
        var started = await (await client.PostAsJsonAsync("/api/instances", new { definitionKey = key, businessKey = $"XT-{key}" })).JsonAsync();
        var id = started.GetProperty("id").GetGuid();

        var overdue = await (await client.GetAsync("/api/tasks?overdue=true")).JsonAsync();

        var task = Assert.Single(overdue.EnumerateArray(), t => t.GetProperty("instanceId").GetGuid() == id);
        // 17:30 in Asia/Shanghai, whatever offset the database hands back.
        Assert.Equal(new DateTimeOffset(2020, 1, 6, 17, 30, 0, TimeSpan.FromHours(8)), task.GetProperty("dueAt").GetDateTimeOffset());
        Assert.True(task.GetProperty("isOverdue").GetBoolean());
    }
}

public sealed class ListTasksTestsOnSqlite(SqliteAppFactory app) : ListTasksTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ListTasksTestsOnPostgreSql(PostgreSqlAppFactory app) : ListTasksTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
