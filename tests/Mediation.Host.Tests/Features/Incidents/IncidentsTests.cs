using System.Net;
using System.Net.Http.Json;

namespace Mediation.Host.Tests.Features.Incidents;

public abstract class IncidentsTests(MediationAppFactory app)
{
    [Fact]
    public async Task Gateway_RaisesIncident_AndRetryRoutesAfterTheDataIsFixed()
    {
        var client = await app.LoginAsync();
        var key = "Route" + Guid.NewGuid().ToString("n")[..8];
        (await client.PostXmlAsync("/api/definitions", TestBpmnEvents.Routing(key))).EnsureSuccessStatusCode();
        var started = await (await client.PostAsJsonAsync("/api/instances",
            new { definitionKey = key, businessKey = "XT-R", variables = new { riskLevel = "unknown" } })).JsonAsync();
        var id = started.GetProperty("id").GetGuid();

        var incidents = (await (await client.GetAsync($"/api/incidents?instanceId={id}")).JsonAsync()).EnumerateArray().ToList();
        var incident = Assert.Single(incidents);
        Assert.Equal("Gateway_Risk", incident.GetProperty("elementId").GetString());
        Assert.Equal("NoOutgoingFlow", incident.GetProperty("kind").GetString());

        var retried = await client.PostAsync($"/api/incidents/{incident.GetProperty("id").GetGuid()}/retry", null);

        Assert.Equal(HttpStatusCode.NoContent, retried.StatusCode);
        var after = (await (await client.GetAsync($"/api/incidents?instanceId={id}")).JsonAsync()).EnumerateArray().ToList();
        Assert.Single(after);   // the data is still wrong: the retry fails again and opens a new incident
        Assert.NotEqual(incident.GetProperty("id").GetGuid(), after[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Retry_Returns404_WhenIncidentIsUnknown()
    {
        var client = await app.LoginAsync();

        var response = await client.PostAsync($"/api/incidents/{Guid.NewGuid()}/retry", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class IncidentsTestsOnSqlite(SqliteAppFactory app) : IncidentsTests(app), IClassFixture<SqliteAppFactory>;

public sealed class IncidentsTestsOnPostgreSql(PostgreSqlAppFactory app) : IncidentsTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
