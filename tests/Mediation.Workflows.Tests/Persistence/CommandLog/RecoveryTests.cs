using Mediation.Workflows.Execution;
using Mediation.Workflows.Journal;
using Mediation.Workflows.Persistence.CommandLog;
using Microsoft.Data.Sqlite;
using static Mediation.Workflows.Tests.TestEngine;

namespace Mediation.Workflows.Tests.Persistence.CommandLog;

/// <summary>
/// A power cut loses the database's last transactions (they are written with synchronous=NORMAL), never the commands
/// that were answered: they are in the command log, and the next start writes them back. Each test makes that state
/// by copying the database as it was before some commands, next to a copy of the log as it is after them.
/// </summary>
public sealed class RecoveryTests
{
    private const string TwoStep = "TestData/two-step-review.bpmn";

    [Fact]
    public async Task Start_WritesBackTheCommandsTheDatabaseLost_InOrder()
    {
        await using var engine = await CreateLoggedAsync();
        await engine.DeployAsync(TwoStep);
        var first = await engine.StartAsync("TwoStepReview", "XT-0001");
        var copy = Snapshot(engine);
        await engine.CompleteAsync(first.NewTasks[0].Id, "kermit");
        var second = await engine.StartAsync("TwoStepReview", "XT-0002");
        CopyLog(engine, copy);

        await using var recovered = await OnFileAsync(copy, engine.Clock, new Workflows.Persistence.Sqlite.SqlitePragmaInterceptor());

        Assert.Equal(["Task_Approve"], (await recovered.InstanceAsync(first.Id)).Waiting);
        Assert.Equal(["Task_Review"], (await recovered.InstanceAsync(second.Id)).Waiting);
        Assert.Equal(Kinds(await engine.JournalAsync(first.Id)), Kinds(await recovered.JournalAsync(first.Id)));
        Assert.Equal((await engine.JournalAsync(second.Id)).Select(e => e.Id), (await recovered.JournalAsync(second.Id)).Select(e => e.Id));
        // And it goes on from there: the recovered engine commits through a log of its own.
        Assert.Equal(TaskOutcome.Completed, await recovered.CompleteAsync((await recovered.OpenTasksAsync(second.Id)).Single().Id, "gonzo"));
    }

    [Fact]
    public async Task Start_SkipsTheChangeSetOfALostRace_WhichTheLogMarkedVoid()
    {
        await using var engine = await CreateLoggedAsync();
        await engine.DeployAsync(TwoStep);
        var instance = await engine.StartAsync("TwoStepReview", "XT-0001");
        var copy = Snapshot(engine);
        var task = instance.NewTasks[0].Id;
        object[] results;
        await using (var blocker = await HoldWriteLockAsync(engine))
        {
            var both = new[] { "gonzo", "fozzie" }.Select(actor => Task.Run(() => TryCompleteAsync(engine, task, actor))).ToList();
            await WaitUntilAsync(() => engine.GroupCommit.Inside == 2);
            await blocker.DisposeAsync();
            results = await Task.WhenAll(both);
        }
        Assert.Single(results, r => r is ConcurrencyConflictException);
        CopyLog(engine, copy);

        await using var recovered = await OnFileAsync(copy, engine.Clock, new Workflows.Persistence.Sqlite.SqlitePragmaInterceptor());

        Assert.Single(await recovered.JournalAsync(instance.Id), e => e.Kind == JournalKinds.TaskCompleted);
        Assert.Equal(["Task_Approve"], (await recovered.InstanceAsync(instance.Id)).Waiting);
    }

    [Fact]
    public async Task Start_StopsAtATornLastRecord_WhichWasNeverAnswered()
    {
        await using var engine = await CreateLoggedAsync();
        await engine.DeployAsync(TwoStep);
        var first = await engine.StartAsync("TwoStepReview", "XT-0001");
        var copy = Snapshot(engine);
        var second = await engine.StartAsync("TwoStepReview", "XT-0002");
        var third = await engine.StartAsync("TwoStepReview", "XT-0003");
        CopyLog(engine, copy);
        // A power cut in the middle of the last append: its bytes are on the disk only in part.
        var segment = Directory.GetFiles(LoggedCommits.DirectoryFor(copy), "segment-*.log").Single();
        var bytes = await File.ReadAllBytesAsync(segment, Ct);
        bytes[Array.FindLastIndex(bytes, b => b != 0) - 10] ^= 0x5A;
        await File.WriteAllBytesAsync(segment, bytes, Ct);

        await using var recovered = await OnFileAsync(copy, engine.Clock, new Workflows.Persistence.Sqlite.SqlitePragmaInterceptor());

        Assert.Equal(["Task_Review"], (await recovered.InstanceAsync(first.Id)).Waiting);
        Assert.Equal(["Task_Review"], (await recovered.InstanceAsync(second.Id)).Waiting);
        Assert.Null(await recovered.Engine.GetInstanceAsync(third.Id, Ct));
    }

    [Fact]
    public async Task Start_MovesTheLogOfAnotherDatabaseAside_AndStartsAFreshOne()
    {
        await using var engine = await CreateLoggedAsync();
        await engine.DeployAsync(TwoStep);
        var copy = Snapshot(engine);
        await engine.StartAsync("TwoStepReview", "XT-0001");
        CopyLog(engine, copy);
        Execute(copy, $"UPDATE \"CommandLogState\" SET \"LogId\" = '{Guid.NewGuid()}'");   // what the backup verb does to its copy

        await using var restored = await OnFileAsync(copy, engine.Clock, new Workflows.Persistence.Sqlite.SqlitePragmaInterceptor());
        var started = await restored.StartAsync("TwoStepReview", "XT-0002");

        Assert.Single(Directory.GetDirectories(Path.GetDirectoryName(copy)!, Path.GetFileName(LoggedCommits.DirectoryFor(copy)) + ".other-*"));
        Assert.Equal(["Task_Review"], (await restored.InstanceAsync(started.Id)).Waiting);
        Assert.Equal(1, Count(copy, "ProcessInstances"));
    }

    [Fact]
    public async Task Start_RefusesALogThatSkipsCommandsTheDatabaseNeverHad()
    {
        await using var engine = await CreateLoggedAsync(engineOptions: new EngineOptions { CommandLogSegmentBytes = 8192 });
        await engine.DeployAsync(TwoStep);
        await engine.StartAsync("TwoStepReview", "XT-0001");
        var copy = Snapshot(engine);
        for (var i = 2; i <= 12; i++) await engine.StartAsync("TwoStepReview", $"XT-{i:D4}");
        CopyLog(engine, copy);
        // The copy is older than the log's first segment: the commands in between are nowhere.
        var segments = Directory.GetFiles(LoggedCommits.DirectoryFor(copy), "segment-*.log").Order(StringComparer.Ordinal).ToList();
        Assert.True(segments.Count >= 3, $"{segments.Count} segments");
        File.Delete(segments[0]);

        var refused = await Assert.ThrowsAsync<CommandLogException>(() => OnFileAsync(copy, engine.Clock,
            new Workflows.Persistence.Sqlite.SqlitePragmaInterceptor()));

        Assert.Contains("are lost", refused.Message);
        Assert.Contains(LoggedCommits.DirectoryFor(copy), refused.Message);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<string> Kinds(IEnumerable<JournalEntryView> entries) => entries.Select(e => e.Kind).ToList();

    /// <summary>A consistent copy of the engine's database as it is now, beside it.</summary>
    internal static string Snapshot(TestEngine engine)
    {
        var copy = TempFile();
        using var source = new SqliteConnection($"Data Source={engine.DatabaseFile};Pooling=False");
        source.Open();
        using var target = new SqliteConnection($"Data Source={copy};Pooling=False");
        target.Open();
        source.BackupDatabase(target);
        return copy;
    }

    /// <summary>The engine's command log as it is now (its segments keep their commands until reused), beside the copy.</summary>
    internal static void CopyLog(TestEngine engine, string copy)
    {
        var from = LoggedCommits.DirectoryFor(engine.DatabaseFile!);
        var to = LoggedCommits.DirectoryFor(copy);
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "segment-*.log")) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    private static void Execute(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static long Count(string file, string table)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return (long)command.ExecuteScalar()!;
    }

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

    private static async Task<IAsyncDisposable> HoldWriteLockAsync(TestEngine engine)
    {
        var connection = new SqliteConnection($"Data Source={engine.DatabaseFile};Pooling=False");
        await connection.OpenAsync(Ct);
        var transaction = connection.BeginTransaction(deferred: false);
        return new Blocker(connection, transaction);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the commands did not queue up in time");
            await Task.Delay(5, Ct);
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
