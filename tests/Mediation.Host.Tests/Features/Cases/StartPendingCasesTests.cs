using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediation.Host.Features.Cases;
using Mediation.Host.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Mediation.Host.Tests.Features.Cases.CaseTestData;

namespace Mediation.Host.Tests.Features.Cases;

public abstract class StartPendingCasesTests(MediationAppFactory app)
{
    /// <summary>Deployed, but startable only by a message: the engine refuses a plain start, as a start that fails after the case is stored.</summary>
    private static string MessageStartOnly(string key) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs_{key}" targetNamespace="https://mediation.example/test">
          <message id="Msg_{key}" name="Open{key}" />
          <process id="{key}" isExecutable="true">
            <startEvent id="Start"><messageEventDefinition messageRef="Msg_{key}" /></startEvent>
            <sequenceFlow id="f1" sourceRef="Start" targetRef="End" />
            <endEvent id="End" />
          </process>
        </definitions>
        """;

    [Fact]
    public async Task Register_KeepsTheNumberAndStartPending_WhenTheStartFails_AndTheRetryStartsItOnce()
    {
        var admin = await app.LoginAsync();
        await DeployContractKeysAsync(admin);
        var key = "Later" + Guid.NewGuid().ToString("n")[..8];
        (await admin.PostXmlAsync("/api/definitions", MessageStartOnly(key))).EnsureSuccessStatusCode();

        var response = await admin.PostAsJsonAsync("/api/cases", Intake(definitionKey: key));
        var pending = await response.JsonAsync();
        var number = pending.GetProperty("caseNumber").GetString()!;
        var next = (await admin.RegisterAsync(Intake())).GetProperty("caseNumber").GetString()!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("StartPending", pending.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("processInstanceId").ValueKind);
        Assert.Contains("none start event", pending.GetProperty("startError").GetString());
        Assert.Equal(int.Parse(number[^6..]) + 1, int.Parse(next[^6..]));   // the number stays taken: no gap, no reuse

        (await admin.PostXmlAsync("/api/definitions", OneTask(key))).EnsureSuccessStatusCode();   // the fault is mended
        Assert.Equal(1, await SweepAsync());
        var started = await (await admin.GetAsync($"/api/cases/{number}")).JsonAsync();
        Assert.Equal("InProgress", started.GetProperty("status").GetString());
        Assert.Null(started.GetProperty("startError").GetString());
        Assert.Equal([$"Task_{key}"], started.GetProperty("instance").GetProperty("waiting").EnumerateArray().Select(w => w.GetString()));
        var instanceId = started.GetProperty("processInstanceId").GetGuid();

        // The Host stopped after the engine started the case but before the case row said so: the retry finds that instance.
        await SetStatusAsync(number, CaseStatus.StartPending);
        Assert.Equal(1, await SweepAsync());
        var again = await (await admin.GetAsync($"/api/cases/{number}")).JsonAsync();
        Assert.Equal(instanceId, again.GetProperty("processInstanceId").GetGuid());
        Assert.Single(again.GetProperty("openTasks").EnumerateArray());
        Assert.Equal(0, await SweepAsync());
    }

    private async Task<int> SweepAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StartPendingCases>().RunAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);
    }

    private async Task SetStatusAsync(string number, CaseStatus status)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        var @case = await db.Set<Case>().SingleAsync(c => c.CaseNumber == number, TestContext.Current.CancellationToken);
        @case.Status = status;
        @case.Version++;
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}

public sealed class StartPendingCasesTestsOnSqlite(SqliteAppFactory app) : StartPendingCasesTests(app), IClassFixture<SqliteAppFactory>;

public sealed class StartPendingCasesTestsOnPostgreSql(PostgreSqlAppFactory app) : StartPendingCasesTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
