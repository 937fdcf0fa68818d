using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using static Mediation.Host.Tests.Features.Cases.CaseTestData;

namespace Mediation.Host.Tests.Features.Cases;

/// <summary>A Host on which none of the contract's processes is deployed: a database of its own, nothing deployed at start.</summary>
public abstract class IntakeWithoutProcessesTests(MediationAppFactory app)
{
    [Fact]
    public async Task Register_AnswersBadRequestNamingDefinitionKey_WhenTheRoutedProcessIsNotDeployed()
    {
        using var host = app.WithWebHostBuilder(b => b.UseSetting("Mediation:Definitions:DeployOnStart", "false"));
        var admin = await host.LoginToAsync();

        var response = await admin.PostAsJsonAsync("/api/cases", Intake(channel: "policeReferral", securityMatter: true));
        var list = await (await admin.GetAsync("/api/cases")).JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Equal(["definitionKey"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains("PoliceMediation", errors.GetProperty("definitionKey")[0].GetString());
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }
}

public sealed class IntakeWithoutProcessesTestsOnSqlite(SqliteAppFactory app) : IntakeWithoutProcessesTests(app), IClassFixture<SqliteAppFactory>;

public sealed class IntakeWithoutProcessesTestsOnPostgreSql(PostgreSqlAppFactory app) : IntakeWithoutProcessesTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
