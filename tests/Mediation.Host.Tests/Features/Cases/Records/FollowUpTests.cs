using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediation.Host.Features.Cases;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Execution;
using Microsoft.Extensions.DependencyInjection;
using static Mediation.Host.Tests.Features.Cases.Records.RecordsKit;

namespace Mediation.Host.Tests.Features.Cases.Records;

/// <summary>Follow-up visits through the API, and the two service tasks the flows call: <c>scheduleFollowUp</c> and <c>recordOutcome</c>.</summary>
public abstract class FollowUpTests(MediationAppFactory app)
{
    private static object Visit(int satisfaction = 5, string performed = "fully") => new
    {
        visitedAt = "2026-05-08T10:00:00+08:00", visitedBy = "吴网格（示例）", performed, satisfaction, newRisk = false, notes = "已按期付款",
    };

    [Fact]
    public async Task Plan_ThenVisit_RecordsTheVisitOnce_AndRefusesADifferentSecondVisit()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();
        var grid = await app.AsAsync("wu.grid");

        var planned = await grid.PostAsJsonAsync($"/api/cases/{number}/followups", new { dueAt = "2026-05-08" });
        var plan = await planned.JsonAsync();
        var id = plan.GetProperty("id").GetGuid();
        var done = await grid.PostAsJsonAsync($"/api/cases/{number}/followups/{id}/visit", Visit());
        var same = await grid.PostAsJsonAsync($"/api/cases/{number}/followups/{id}/visit", Visit());
        var different = await grid.PostAsJsonAsync($"/api/cases/{number}/followups/{id}/visit", Visit(satisfaction: 2));

        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        Assert.Equal(new DateTimeOffset(2026, 5, 8, 23, 59, 59, 999, TimeSpan.FromHours(8)), plan.GetProperty("dueAt").GetDateTimeOffset());
        var visit = await done.JsonAsync();
        Assert.Equal("done", visit.GetProperty("status").GetString());
        Assert.Equal("fully", visit.GetProperty("performed").GetString());
        Assert.Equal("wu.grid", visit.GetProperty("recordedBy").GetString());
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, different.StatusCode);
    }

    [Fact]
    public async Task Plan_ListsEveryProblemOfAnUnplannedVisit_ByField()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();

        var nothing = await admin.PostAsJsonAsync($"/api/cases/{number}/followups", new { });
        var bad = await admin.PostAsJsonAsync($"/api/cases/{number}/followups", new
        {
            dueAt = "next week", visit = new { visitedAt = "2099-01-01T00:00:00+08:00", performed = "mostly", satisfaction = 6 },
        });

        Assert.Equal(["dueAt"], await nothing.ErrorFieldsAsync());
        Assert.Equal(["dueAt", "visit.newRisk", "visit.performed", "visit.satisfaction", "visit.visitedAt", "visit.visitedBy"], await bad.ErrorFieldsAsync());
        Assert.Contains("6 is not from 1 to 5", await bad.ErrorAsync("visit.satisfaction"));
        Assert.Empty((await (await admin.GetAsync($"/api/cases/{number}/followups")).JsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task Plan_RecordsAnUnplannedVisitOnce_WhenTheSameOperationIdComesAgain()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();
        var operationId = Guid.NewGuid().ToString();

        var first = await admin.PostAsJsonAsync($"/api/cases/{number}/followups", new { operationId, visit = Visit(performed: "partly") });
        var again = await admin.PostAsJsonAsync($"/api/cases/{number}/followups", new { operationId, visit = Visit(performed: "partly") });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var listed = Assert.Single((await (await admin.GetAsync($"/api/cases/{number}/followups")).JsonAsync()).EnumerateArray());
        Assert.Equal("partly", listed.GetProperty("performed").GetString());
        Assert.Equal("person", listed.GetProperty("source").GetString());
    }

    /// <summary>Friday 24 April 2026: five working days on are 27–30 April and, past the May Day holiday (1–5 May), Wednesday 6 May.</summary>
    [Fact]
    public async Task ScheduleFollowUp_PlansOneVisitFiveWorkingDaysOn_AndAnswersTheSameDue_WhenTheStepRunsAgain()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();
        var handler = Handler("scheduleFollowUp");
        var context = Context(number, new DateTimeOffset(2026, 4, 24, 9, 0, 0, TimeSpan.FromHours(8)));

        var first = await handler.ExecuteAsync(context, TestContext.Current.CancellationToken);
        var again = await handler.ExecuteAsync(context with { Now = context.Now.AddMinutes(3) }, TestContext.Current.CancellationToken);
        var withDue = await handler.ExecuteAsync(context with { TokenId = Guid.NewGuid(), Variables = new JsonObject { ["performanceDue"] = "2026-06-30T23:59:59+08:00" } },
            TestContext.Current.CancellationToken);

        Assert.Equal("2026-05-06T09:00:00+08:00", first!["followUpDue"]!.GetValue<string>());
        Assert.Equal("2026-05-06T09:00:00+08:00", again!["followUpDue"]!.GetValue<string>());
        Assert.Equal("2026-06-30T23:59:59+08:00", withDue!["followUpDue"]!.GetValue<string>());
        var planned = (await (await admin.GetAsync($"/api/cases/{number}/followups")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(2, planned.Count);
        Assert.All(planned, f => Assert.Equal("process", f.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task RecordOutcome_ClosesTheCaseKeepingTheFirstClosingTime_AndRefusesAnOutcomeOutsideTheContract()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();
        var handler = Handler("recordOutcome");
        var closedAt = new DateTimeOffset(2026, 5, 20, 2, 0, 0, TimeSpan.Zero);
        var context = Context(number, closedAt) with { Variables = new JsonObject { ["outcome"] = "agreed" } };
        var ct = TestContext.Current.CancellationToken;

        Assert.Null(await handler.ExecuteAsync(context, ct));
        Assert.Null(await handler.ExecuteAsync(context with { Now = closedAt.AddHours(1) }, ct));
        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => handler.ExecuteAsync(context with { Variables = new JsonObject { ["outcome"] = "settled" } }, ct));
        var noCase = await Assert.ThrowsAsync<InvalidOperationException>(() => handler.ExecuteAsync(
            context with { BusinessKey = "XT-1999-000001", InstanceId = Guid.NewGuid() }, ct));

        var @case = await (await admin.GetAsync($"/api/cases/{number}")).JsonAsync();
        Assert.Equal("Closed", @case.GetProperty("status").GetString());
        Assert.Equal("agreed", @case.GetProperty("outcome").GetString());
        Assert.Equal(closedAt, @case.GetProperty("closedAt").GetDateTimeOffset());
        Assert.Contains("returnedToCourt", unknown.Message);
        Assert.Contains("no case has the business key 'XT-1999-000001'", noCase.Message);
    }

    [Fact]
    public async Task Flow_RunsScheduleFollowUpAndRecordOutcomeByName_ClosingTheCaseWithTheOutcomeTheVisitGave()
    {
        var admin = await app.LoginAsync();
        var number = await admin.NewCaseAsync();
        await admin.EffectiveAgreementAsync(number);
        (await admin.PostAsJsonAsync($"/api/cases/{number}/confirmation", new { appliedOn = "2026-04-08", court = "仙桃市人民法院（示例）", jointApplication = true }))
            .EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/cases/{number}/confirmation/result", new { result = "confirmed", decidedOn = "2026-04-20", rulingNumber = "(2026)鄂9004民特12号" }))
            .EnsureSuccessStatusCode();
        var instance = await admin.InstanceAsync(number);
        var visitTask = await admin.OpenTaskIdAsync(instance.GetProperty("id").GetGuid(), "Task_FollowUpVisit");

        var completed = await admin.PostAsJsonAsync($"/api/tasks/{visitTask}/complete", new { variables = new { outcome = "agreed" } });

        Assert.True(completed.IsSuccessStatusCode, await completed.Content.ReadAsStringAsync());
        var @case = await (await admin.GetAsync($"/api/cases/{number}")).JsonAsync();
        Assert.Equal("Closed", @case.GetProperty("status").GetString());
        Assert.Equal("agreed", @case.GetProperty("outcome").GetString());
        Assert.Equal("Completed", @case.GetProperty("instance").GetProperty("status").GetString());
        var incidents = await (await admin.GetAsync("/api/incidents")).JsonAsync();
        Assert.DoesNotContain(incidents.EnumerateArray(), i => i.GetProperty("businessKey").GetString() == number);
    }

    private IServiceTaskHandler Handler(string name) => app.Services.GetRequiredService<ServiceTaskRegistry>().Find(name)!;

    private ServiceTaskContext Context(string number, DateTimeOffset now)
    {
        using var scope = app.Services.CreateScope();
        var instanceId = scope.ServiceProvider.GetRequiredService<HostDbContext>().Set<Case>().Single(c => c.CaseNumber == number).ProcessInstanceId;
        return new ServiceTaskContext(instanceId, number, "Service_Step", "test", [], now.ToUniversalTime(), Guid.NewGuid());
    }
}

public sealed class FollowUpTestsOnSqlite(SqliteAppFactory app) : FollowUpTests(app), IClassFixture<SqliteAppFactory>;

public sealed class FollowUpTestsOnPostgreSql(PostgreSqlAppFactory app) : FollowUpTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
