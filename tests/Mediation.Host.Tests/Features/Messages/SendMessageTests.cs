using System.Net;
using System.Net.Http.Json;

namespace Mediation.Host.Tests.Features.Messages;

public abstract class SendMessageTests(MediationAppFactory app)
{
    [Fact]
    public async Task Message_InterruptsTaskAndEndsCase_WhenCorrelatedByCaseNumber()
    {
        var client = await app.LoginAsync();
        var key = "Withdraw" + Guid.NewGuid().ToString("n")[..8];
        (await client.PostXmlAsync("/api/definitions", TestBpmnEvents.WaitForWithdrawal(key))).EnsureSuccessStatusCode();
        var started = await (await client.PostAsJsonAsync("/api/instances", new { definitionKey = key, businessKey = $"XT-{key}" })).JsonAsync();
        var id = started.GetProperty("id").GetGuid();

        var response = await client.PostAsJsonAsync("/api/messages", new { name = "PartyWithdrew", correlationKey = $"XT-{key}", variables = new { outcome = "withdrawn" } });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var instance = await (await client.GetAsync($"/api/instances/{id}")).JsonAsync();
        Assert.Equal("Completed", instance.GetProperty("status").GetString());
        Assert.Equal("withdrawn", instance.GetProperty("variables").GetProperty("outcome").GetString());
        var tasks = await (await client.GetAsync("/api/tasks")).JsonAsync();
        Assert.DoesNotContain(tasks.EnumerateArray(), t => t.GetProperty("instanceId").GetGuid() == id);
    }

    [Fact]
    public async Task Message_Returns404_WhenNobodyWaits()
    {
        var client = await app.LoginAsync();

        var response = await client.PostAsJsonAsync("/api/messages", new { name = "PartyWithdrew", correlationKey = "XT-NOBODY" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Message_Returns400_WhenNameIsMissing()
    {
        var client = await app.LoginAsync();

        var response = await client.PostAsJsonAsync("/api/messages", new { correlationKey = "XT-1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class SendMessageTestsOnSqlite(SqliteAppFactory app) : SendMessageTests(app), IClassFixture<SqliteAppFactory>;

public sealed class SendMessageTestsOnPostgreSql(PostgreSqlAppFactory app) : SendMessageTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
