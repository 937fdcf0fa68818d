using System.Net;
using System.Net.Http.Json;
using Hangfire;
using Hangfire.Storage;
using Mediation.Host.Features.Points;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.Host.Tests.Features.Points;

/// <summary>Rules tied to workflow events: a real user task completed through the API, the journal read by the job, awards made once.</summary>
public abstract class EarningRulesTests(MediationAppFactory app)
{
    [Fact]
    public async Task Rule_AwardsTheAssigneeOnce_WhenTheJobRunsTwice()
    {
        var admin = await app.LoginAsync();
        var mediatorName = PointsKit.Fresh("med");
        var mediator = await app.UserAsync(mediatorName, "villageMediators");
        var (key, instanceId) = await admin.StartCaseAsync("XT-PTS-" + PointsKit.Fresh(""));
        var rule = await admin.AddRuleAsync(new
        {
            name = "回访完成 Follow-up done", eventKind = "TaskCompleted", processKey = key, elementId = "Task_First",
            recipient = "Assignee", points = 2, capPerCase = 2,
        });

        await mediator.ClaimAndCompleteAsync(instanceId, "Task_First");
        await RunJobAsync();
        var second = await admin.ProcessAsync();

        Assert.False(second.GetProperty("lostRace").GetBoolean());
        var me = await mediator.MeAsync();
        Assert.Equal((2, 0), (me.Int("balance"), me.Int("pending")));
        var entry = Assert.Single(await mediator.EntriesAsync(me.Int("id")));
        Assert.Equal(("Confirmed", "Rule", rule.Int("id")), (entry.GetProperty("status").GetString(), entry.GetProperty("source").GetString(), entry.Int("ruleId")));
        Assert.Equal(("Task_First", instanceId), (entry.GetProperty("elementId").GetString(), entry.GetProperty("instanceId").GetGuid()));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, JsonValueKind(entry, "taskId"));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, JsonValueKind(entry, "journalEntryId"));
    }

    [Fact]
    public async Task Rule_StopsAtItsPerCaseCap_AndTheNextCaseEarnsAgain()
    {
        var admin = await app.LoginAsync();
        var mediatorName = PointsKit.Fresh("med");
        var mediator = await app.UserAsync(mediatorName, "villageMediators");
        var (key, first) = await admin.StartCaseAsync("XT-PTS-" + PointsKit.Fresh(""));
        await admin.AddRuleAsync(new { name = "每项任务 Any task", eventKind = "TaskCompleted", processKey = key, recipient = "Actor", points = 3, capPerCase = 4 });

        foreach (var element in new[] { "Task_First", "Task_Second", "Task_Third" }) await mediator.ClaimAndCompleteAsync(first, element);
        await admin.ProcessAsync();
        var (_, second) = await admin.StartCaseAsync("XT-PTS-" + PointsKit.Fresh(""), key: key);
        await mediator.ClaimAndCompleteAsync(second, "Task_First");
        await admin.ProcessAsync();

        var me = await mediator.MeAsync();
        var amounts = (await mediator.EntriesAsync(me.Int("id"))).Where(e => e.GetProperty("instanceId").GetGuid() == first).Select(e => e.Int("amount")).Order();
        Assert.Equal([1, 3], amounts);
        Assert.Equal(4 + 3, me.Int("balance"));
    }

    [Fact]
    public async Task DefaultEarlyReportRule_WritesPending_ForAGridMemberOnly_UntilAnotherConfirmerConfirms()
    {
        var admin = await app.LoginAsync();
        var gridName = PointsKit.Fresh("grid");
        var grid = await app.UserAsync(gridName, "gridMembers");
        var intakeName = PointsKit.Fresh("intake");
        await app.CreateUserAsync(intakeName, PointsKit.Password, "intake");
        var key = PointsKit.Fresh("Pts");

        await admin.StartCaseAsync("XT-PTS-" + PointsKit.Fresh(""), new { reportedBy = gridName }, key);
        await admin.StartCaseAsync("XT-PTS-" + PointsKit.Fresh(""), new { reportedBy = intakeName }, key);
        await admin.ProcessAsync();

        var me = await grid.MeAsync();
        Assert.Equal((0, 5), (me.Int("balance"), me.Int("pending")));
        var mediator = await app.SampleAsync("li.village");
        var pending = (await (await mediator.GetAsync("/api/points/entries?status=Pending")).JsonAsync()).EnumerateArray()
            .Single(e => e.Int("accountId") == me.Int("id"));
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.PostAsJsonAsync($"/api/points/entries/{pending.GetProperty("id")}/confirm", new { })).StatusCode);
        var confirmed = await mediator.PostAsJsonAsync($"/api/points/entries/{pending.GetProperty("id")}/confirm", new { note = "核实属实" });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("li.village", (await confirmed.JsonAsync()).GetProperty("approver").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await mediator.PostAsJsonAsync($"/api/points/entries/{pending.GetProperty("id")}/confirm", new { })).StatusCode);
        Assert.Equal((5, 0), ((await grid.MeAsync()).Int("balance"), (await grid.MeAsync()).Int("pending")));
        Assert.Equal(0, (await (await app.LoginAsync(intakeName, PointsKit.Password)).MeAsync()).Int("pending"));
    }

    [Fact]
    public async Task Rule_NeverAwardsAParty_WhenTheVariableNamesOne()
    {
        var admin = await app.LoginAsync();
        var helperName = PointsKit.Fresh("vol");
        var partyName = PointsKit.Fresh("party");
        var helper = await app.UserAsync(helperName);
        var party = await app.UserAsync(partyName);
        var key = PointsKit.Fresh("Pts");
        await admin.AddRuleAsync(new { name = "协助 Helpers", eventKind = "InstanceStarted", processKey = key, recipient = "UserVariable", variable = "helpers", points = 1 });

        await admin.StartCaseAsync("XT-PTS-" + PointsKit.Fresh(""), new
        {
            helpers = new[] { helperName, partyName },
            parties = new object[] { new { name = "张三", userName = partyName, role = "applicant" }, "李四" },
        }, key);
        var run = await admin.ProcessAsync();

        Assert.True(run.Int("refused") >= 1);
        Assert.Equal(1, (await helper.MeAsync()).Int("balance"));
        var partyAccount = await party.MeAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, partyAccount.GetProperty("id").ValueKind);
    }

    [Fact]
    public async Task Rules_RefuseAPartyRecipient_AndNameTheField()
    {
        var admin = await app.LoginAsync();

        var byVariable = await (await admin.PostAsJsonAsync("/api/points/rules", new
        {
            name = "x", eventKind = "TaskCompleted", recipient = "UserVariable", variable = "parties", points = 1,
        })).ErrorsAsync();
        var byKind = await (await admin.PostAsJsonAsync("/api/points/rules", new { name = "x", eventKind = "TaskCompleted", recipient = "Party", points = 1 })).ErrorsAsync();
        var bad = await (await admin.PostAsJsonAsync("/api/points/rules", new { name = "", eventKind = "Nope", recipient = "Actor", points = 0, capPerCase = 0 })).ErrorsAsync();

        Assert.Contains("party", byVariable.GetProperty("variable")[0].GetString());
        Assert.Contains("party", byKind.GetProperty("recipient")[0].GetString());
        Assert.Equal(["capPerCase", "eventKind", "name", "points"], bad.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Rules_AreManagedBySupervisors_ReadByAll_AndKeptWhileTheyHaveEntries()
    {
        var supervisor = await app.SampleAsync("zhou.supervisor");
        var grid = await app.SampleAsync("wu.grid");
        var body = new { name = "试行 Trial", eventKind = "TaskCompleted", recipient = "Actor", processKey = PointsKit.Fresh("Pts"), points = 1 };

        Assert.Equal(HttpStatusCode.Forbidden, (await grid.PostAsJsonAsync("/api/points/rules", body)).StatusCode);
        var rule = await supervisor.AddRuleAsync(body);
        var updated = await supervisor.PutAsJsonAsync($"/api/points/rules/{rule.Int("id")}", body with { points = 4 });
        var all = await (await grid.GetAsync("/api/points/rules")).JsonAsync();

        Assert.Equal(4, (await updated.JsonAsync()).Int("points"));
        Assert.Contains(all.EnumerateArray(), r => r.GetProperty("name").GetString()!.Contains("回访完成"));
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.DeleteAsync($"/api/points/rules/{rule.Int("id")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await grid.GetAsync($"/api/points/rules/{rule.Int("id")}")).StatusCode);
    }

    [Fact]
    public async Task Rule_AwardsOnce_WhenTwoRunsRaceOnTheSameJournal()
    {
        var admin = await app.LoginAsync();
        var mediator = await app.UserAsync(PointsKit.Fresh("med"), "villageMediators");
        var (key, instanceId) = await admin.StartCaseAsync("XT-PTS-" + PointsKit.Fresh(""));
        await admin.AddRuleAsync(new { name = "并发 Race", eventKind = "TaskCompleted", processKey = key, recipient = "Actor", points = 1 });
        await mediator.ClaimAndCompleteAsync(instanceId, "Task_First");

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(RunJobAsync)));
        await admin.ProcessAsync();

        var me = await mediator.MeAsync();
        Assert.Single(await mediator.EntriesAsync(me.Int("id")));
        Assert.Equal(1, me.Int("balance"));
    }

    [Fact]
    public async Task Processor_AwardsAJournalEntryThatBecameVisibleLate_WithinTheRescanWindow()
    {
        var admin = await app.LoginAsync();
        var mediator = await app.UserAsync(PointsKit.Fresh("med"), "villageMediators");
        var (key, instanceId) = await admin.StartCaseAsync("XT-PTS-" + PointsKit.Fresh(""));
        await admin.AddRuleAsync(new { name = "迟到 Late", eventKind = "TaskCompleted", processKey = key, recipient = "Actor", points = 1 });
        await admin.ProcessAsync();
        await mediator.ClaimAndCompleteAsync(instanceId, "Task_First");

        // As on PostgreSQL when a lower id commits after a run has read past it: the cursor is beyond the entry already.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Mediation.Host.Infrastructure.Database.HostDbContext>();
            await using var journal = scope.ServiceProvider.GetRequiredService<Mediation.Workflows.Persistence.IWorkflowDbFactory>().Create();
            var state = await db.Set<PointsProcessingState>().SingleAsync(TestContext.Current.CancellationToken);
            state.LastJournalId = await journal.Journal.MaxAsync(e => e.Id, TestContext.Current.CancellationToken);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await admin.ProcessAsync();

        Assert.Equal(1, (await mediator.MeAsync()).Int("balance"));
    }

    [Fact]
    public void AwardPointsJob_IsARecurringJob()
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();

        Assert.Contains(connection.GetRecurringJobs(), j => j.Id == AwardPointsJob.Id && j.Cron == Cron.Minutely());
    }

    private async Task RunJobAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AwardPointsJob>().RunAsync(TestContext.Current.CancellationToken);
    }

    private static System.Text.Json.JsonValueKind JsonValueKind(System.Text.Json.JsonElement e, string name) => e.GetProperty(name).ValueKind;
}

public sealed class EarningRulesTestsOnSqlite(SqliteAppFactory app) : EarningRulesTests(app), IClassFixture<SqliteAppFactory>;

public sealed class EarningRulesTestsOnPostgreSql(PostgreSqlAppFactory app) : EarningRulesTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
