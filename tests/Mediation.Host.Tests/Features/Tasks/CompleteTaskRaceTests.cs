using System.Net;
using System.Net.Http.Json;
using Mediation.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.Host.Tests.Features.Tasks;

/// <summary>
/// Two mediators complete one task at the same moment: one gets 204, the other 409, and the case moves on once.
/// On every provider, since the loser is stopped by the database (the revision columns are concurrency tokens).
/// </summary>
public abstract class CompleteTaskRaceTests(MediationAppFactory app)
{
    private const int Rounds = 5;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Complete_LetsExactlyOneWin_WhenTwoMediatorsCompleteAtOnce()
    {
        var (admin, mediator) = await TwoMediatorsAsync("village-he");

        for (var round = 0; round < Rounds; round++)
        {
            var (_, id) = await admin.DeployAndStartAsync($"XT-2026-0003{round:D2}");
            var task = await admin.OpenTaskIdAsync(id, "Task_First");
            using var go = new ManualResetEventSlim();
            var attempts = new[] { admin, mediator }
                .Select(client => Task.Run(() => { go.Wait(TestContext.Current.CancellationToken); return CompleteAsync(client, task); }))
                .ToList();
            go.Set();

            var answers = await Task.WhenAll(attempts);

            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.NoContent);
            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
            await AssertMovedOnOnceAsync(admin, id);
        }
    }

    [Fact]
    public async Task Complete_Returns409_WhenTheOtherCommitsAfterThisOneReadTheInstance()
    {
        var (admin, mediator) = await TwoMediatorsAsync("village-lu");
        var (_, id) = await admin.DeployAndStartAsync("XT-2026-000399");
        var task = await admin.OpenTaskIdAsync(id, "Task_First");

        var (winner, held) = await ReadBothThenCommitAsync(admin, mediator, task);

        Assert.Equal(HttpStatusCode.NoContent, (await winner).StatusCode);
        var loser = await held;
        Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
        Assert.StartsWith("Someone else changed this case first", (await loser.JsonAsync()).GetProperty("title").GetString());
        await AssertMovedOnOnceAsync(admin, id);
    }

    /// <summary>
    /// Both completions read the task and its instance before either commits; the first commits first. Where the
    /// engine reads through the database, the second is held just after its instance read until the first is done.
    /// </summary>
    protected virtual async Task<(Task<HttpResponseMessage> Winner, Task<HttpResponseMessage> Loser)> ReadBothThenCommitAsync(
        HttpClient first, HttpClient second, Guid task)
    {
        var gate = app.InstanceReads.HoldNext();
        var held = CompleteAsync(second, task);
        await gate.Reached.WaitAsync(Patience, TestContext.Current.CancellationToken);
        var winner = CompleteAsync(first, task);
        // Should the engine ever lock the row on read, the winner waits for the held one: let it go after a while.
        await Task.WhenAny(winner, Task.Delay(Patience, TestContext.Current.CancellationToken));
        gate.Open();
        return (winner, held);
    }

    protected static Task<HttpResponseMessage> CompleteAsync(HttpClient client, Guid task)
        => client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { variables = new { outcome = "agreed" } });

    private async Task<(HttpClient Admin, HttpClient Mediator)> TwoMediatorsAsync(string userName)
    {
        await app.CreateUserAsync(userName, "Village-Password-9", "villageMediators");
        return (await app.LoginAsync(), await app.LoginAsync(userName, "Village-Password-9"));
    }

    private static async Task AssertMovedOnOnceAsync(HttpClient client, Guid instanceId)
    {
        var instance = await (await client.GetAsync($"/api/instances/{instanceId}")).JsonAsync();
        Assert.Equal(["Task_Second"], instance.GetProperty("waiting").EnumerateArray().Select(e => e.GetString()));
        var journal = await (await client.GetAsync($"/api/instances/{instanceId}/journal")).JsonAsync();
        Assert.Single(journal.EnumerateArray(), e => e.GetProperty("kind").GetString() == "TaskCompleted");
        var tasks = await (await client.GetAsync("/api/tasks")).JsonAsync();
        Assert.Single(tasks.EnumerateArray(), t => t.GetProperty("instanceId").GetGuid() == instanceId);
    }
}

public sealed class CompleteTaskRaceTestsOnSqlite(SqliteAppFactory app) : CompleteTaskRaceTests(app), IClassFixture<SqliteAppFactory>
{
    /// <summary>
    /// On SQLite the engine serves the rows it last committed without a query (HotRows), so there is no read to hold:
    /// instead the database's write lock is held, the first completion waits for it with its change set, the second
    /// reads the same instance and queues behind it, and then the lock is let go.
    /// </summary>
    protected override async Task<(Task<HttpResponseMessage> Winner, Task<HttpResponseMessage> Loser)> ReadBothThenCommitAsync(
        HttpClient first, HttpClient second, Guid task)
    {
        var commits = app.Services.GetRequiredService<GroupCommit>();
        var inside = commits.Inside;
        await using var writer = new SqliteConnection($"Data Source={app.DatabaseFile};Pooling=False");
        await writer.OpenAsync(TestContext.Current.CancellationToken);
        await using var hold = writer.CreateCommand();
        hold.CommandText = "PRAGMA busy_timeout=30000; BEGIN IMMEDIATE;";
        await hold.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        var winner = CompleteAsync(first, task);
        await WaitUntilAsync(() => commits.Inside == inside + 1);
        var loser = CompleteAsync(second, task);
        await WaitUntilAsync(() => commits.Inside == inside + 2);
        hold.CommandText = "ROLLBACK;";
        await hold.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return (winner, loser);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The completions did not reach the group commit in time.");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}

public sealed class CompleteTaskRaceTestsOnPostgreSql(PostgreSqlAppFactory app) : CompleteTaskRaceTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
