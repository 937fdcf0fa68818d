using Mediation.Workflows.Execution;
using Mediation.Workflows.Journal;
using Microsoft.Data.Sqlite;
using static Mediation.Workflows.Tests.TestEngine;

namespace Mediation.Workflows.Tests.Persistence;

/// <summary>
/// Commands that finish while another commit holds the database share the next transaction: the one that loses a race
/// is rolled back alone and the others commit; with the command log as without it.
/// </summary>
public sealed class GroupCommitTests
{
    private const string TwoStep = "TestData/two-step-review.bpmn";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CommandsQueuedBehindABusyDatabase_CommitTogether_InOneTransaction(bool commandLog)
    {
        await using var engine = await EngineAsync(commandLog);
        await engine.DeployAsync(TwoStep);
        var before = engine.GroupCommit.Totals;

        List<ProcessInstanceView> started;
        await using (var blocker = await HoldWriteLockAsync(engine))
        {
            var starts = Enumerable.Range(0, 6).Select(i => Task.Run(() => engine.StartAsync("TwoStepReview", $"XT-{i:D4}"))).ToList();
            // The first to arrive leads and waits for the lock with what had queued by then; the rest queue behind it.
            await WaitUntilAsync(() => engine.GroupCommit.Inside == 6);
            await blocker.DisposeAsync();
            started = [.. await Task.WhenAll(starts)];
        }

        var (transactions, changeSets) = engine.GroupCommit.Totals;
        Assert.Equal(6, changeSets - before.ChangeSets);
        Assert.InRange(transactions - before.Transactions, 1, 2);
        foreach (var instance in started)
        {
            Assert.Equal(["Task_Review"], (await engine.InstanceAsync(instance.Id)).Waiting);
            Assert.Single(await engine.OpenTasksAsync(instance.Id));
            Assert.Single(await engine.JournalAsync(instance.Id), e => e.Kind == JournalKinds.InstanceStarted);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheLoserOfARaceInsideABatch_IsRolledBackAlone_AndTheOthersCommit(bool commandLog)
    {
        await using var engine = await EngineAsync(commandLog);
        await engine.DeployAsync(TwoStep);
        var contested = await engine.StartAsync("TwoStepReview", "XT-0001");
        var other = await engine.StartAsync("TwoStepReview", "XT-0002");
        var first = await engine.StartAsync("TwoStepReview", "XT-0003");

        object[] results;
        await using (var blocker = await HoldWriteLockAsync(engine))
        {
            var leader = Task.Run(() => TryCompleteAsync(engine, first.NewTasks[0].Id, "kermit"));
            await WaitUntilAsync(() => engine.GroupCommit.Queued == 0 && !leader.IsCompleted);
            await Task.Delay(50, TestContext.Current.CancellationToken);   // the leader is in BEGIN, waiting for the lock
            var batch = new[]
            {
                Task.Run(() => TryCompleteAsync(engine, contested.NewTasks[0].Id, "gonzo")),
                Task.Run(() => TryCompleteAsync(engine, contested.NewTasks[0].Id, "fozzie")),
                Task.Run(() => TryCompleteAsync(engine, other.NewTasks[0].Id, "piggy")),
            };
            await WaitUntilAsync(() => engine.GroupCommit.Queued == 3);
            await blocker.DisposeAsync();
            results = await Task.WhenAll(batch);
            Assert.Equal(TaskOutcome.Completed, await leader);
        }

        Assert.Single(results.Take(2), r => r is TaskOutcome.Completed);
        Assert.Single(results.Take(2), r => r is ConcurrencyConflictException);
        Assert.Equal(TaskOutcome.Completed, results[2]);
        Assert.Single(await engine.JournalAsync(contested.Id), e => e.Kind == JournalKinds.TaskCompleted);
        Assert.Single(await engine.OpenTasksAsync(contested.Id), t => t.ElementId == "Task_Approve");
        Assert.Single(await engine.OpenTasksAsync(other.Id), t => t.ElementId == "Task_Approve");
    }

    /// <summary>A WAL file commits through the command log, a file in rollback-journal mode directly.</summary>
    private static Task<TestEngine> EngineAsync(bool commandLog) => commandLog ? CreateLoggedAsync() : CreateOnTempFileAsync();

    private static async Task<object> TryCompleteAsync(TestEngine engine, Guid taskId, string actor)
    {
        try
        {
            return await engine.CompleteAsync(taskId, actor);
        }
        catch (ConcurrencyConflictException conflict)
        {
            return conflict;
        }
    }

    /// <summary>Another connection holding SQLite's write lock, as another process's long write would.</summary>
    private static async Task<Blocker> HoldWriteLockAsync(TestEngine engine)
    {
        var connection = new SqliteConnection($"Data Source={engine.DatabaseFile};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var transaction = connection.BeginTransaction(deferred: false);   // BEGIN IMMEDIATE: the write lock, now
        return new Blocker(connection, transaction);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the commands did not queue up in time");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

    private sealed class Blocker(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        private bool disposed;

        public async ValueTask DisposeAsync()
        {
            if (disposed) return;
            disposed = true;
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }
}
