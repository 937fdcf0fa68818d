using System.Net;
using System.Net.Http.Json;

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

        var gate = app.InstanceReads.HoldNext();
        var held = CompleteAsync(mediator, task);
        await gate.Reached.WaitAsync(Patience, TestContext.Current.CancellationToken);
        var winner = CompleteAsync(admin, task);
        // Should the engine ever lock the row on read, the winner waits for the held one: let it go after a while.
        await Task.WhenAny(winner, Task.Delay(Patience, TestContext.Current.CancellationToken));
        gate.Open();

        Assert.Equal(HttpStatusCode.NoContent, (await winner).StatusCode);
        var loser = await held;
        Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
        Assert.StartsWith("Someone else changed this case first", (await loser.JsonAsync()).GetProperty("title").GetString());
        await AssertMovedOnOnceAsync(admin, id);
    }

    private async Task<(HttpClient Admin, HttpClient Mediator)> TwoMediatorsAsync(string userName)
    {
        await app.CreateUserAsync(userName, "Village-Password-9", "villageMediators");
        return (await app.LoginAsync(), await app.LoginAsync(userName, "Village-Password-9"));
    }

    private static Task<HttpResponseMessage> CompleteAsync(HttpClient client, Guid task)
        => client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { variables = new { outcome = "agreed" } });

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

public sealed class CompleteTaskRaceTestsOnSqlite(SqliteAppFactory app) : CompleteTaskRaceTests(app), IClassFixture<SqliteAppFactory>;

public sealed class CompleteTaskRaceTestsOnPostgreSql(PostgreSqlAppFactory app) : CompleteTaskRaceTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
