using Microsoft.Data.Sqlite;

namespace Mediation.Workflows.Persistence.CommandLog;

/// <summary>
/// Writes logged change sets into the tables, on a thread and a connection of its own, while the command log is
/// flushing the same batch: the tables' pages need no flush of their own, since the log holds every command until a
/// flush of the database's WAL has made it durable there too. Each batch is one transaction that also records the
/// highest sequence number it covers (<c>CommandLogState.AppliedSeq</c>), so recovery knows where to start. A change
/// set that fails (a lost concurrency check) fails alone: the transaction is rolled back and written again without it.
/// </summary>
internal sealed class TableWriter : IDisposable
{
    public const string StateTable = "CommandLogState";

    private readonly SqliteConnection connection;
    private readonly Dictionary<int, SqliteCommand> commands = [];
    private readonly SqliteCommand begin, commit, rollback, setApplied;
    // No spinning before the thread sleeps: on the 2-core machine a spinning waiter's sched_yield calls take the CPU the
    // command needs, and a futex wake-up is quick enough beside the log's flush.
    private readonly ManualResetEventSlim work = new(false, spinCount: 0);
    private Thread? thread;
    private Job? job;
    private volatile bool stopping;
    private long appliedSeq;

    public TableWriter(SqliteConnection connection, long appliedSeq)
    {
        this.connection = connection;
        this.appliedSeq = appliedSeq;
        begin = Command("BEGIN IMMEDIATE");
        commit = Command("COMMIT");
        rollback = Command("ROLLBACK");
        setApplied = Command($"UPDATE \"{StateTable}\" SET \"AppliedSeq\" = @seq WHERE \"Id\" = 1");
        setApplied.Parameters.Add(new SqliteParameter("@seq", 0L));
    }

    /// <summary>Every command up to this one has been written to the tables (or failed, and was voided in the log).</summary>
    public long AppliedSeq => Interlocked.Read(ref appliedSeq);

    /// <summary>Starts the writer's thread; until then <see cref="Apply"/> runs on the caller's (recovery).</summary>
    public void Start()
    {
        thread = new Thread(Run) { IsBackground = true, Name = "Mediation table writer" };
        thread.Start();
    }

    /// <summary>Writes the batch on the writer's thread; the answer holds each change set's failure, or null.</summary>
    public Task<Exception?[]> ApplyAsync(IReadOnlyList<(long Seq, LoggedChange Change)> batch)
    {
        var next = new Job(batch);
        job = next;
        work.Set();
        return next.Done.Task;
    }

    /// <summary>Writes the batch in one transaction, without the change sets that fail; returns each one's failure, or null.</summary>
    public Exception?[] Apply(IReadOnlyList<(long Seq, LoggedChange Change)> batch)
    {
        var errors = new Exception?[batch.Count];
        var remaining = Enumerable.Range(0, batch.Count).ToList();
        while (remaining.Count > 0)
        {
            try
            {
                begin.ExecuteNonQuery();
            }
            catch (Exception e)
            {
                foreach (var i in remaining) errors[i] = e;
                return errors;
            }
            var failed = WriteUntilFailure(batch, remaining, errors);
            if (failed is { } index)
            {
                Rollback();
                remaining.Remove(index);
                continue;
            }
            var last = batch.Max(b => b.Seq);
            try
            {
                setApplied.Parameters[0].Value = last;
                setApplied.ExecuteNonQuery();
                commit.ExecuteNonQuery();
                Interlocked.Exchange(ref appliedSeq, last);
            }
            catch (Exception e)
            {
                Rollback();
                foreach (var i in remaining) errors[i] = e;
            }
            return errors;
        }
        return errors;
    }

    private int? WriteUntilFailure(IReadOnlyList<(long Seq, LoggedChange Change)> batch, List<int> remaining, Exception?[] errors)
    {
        foreach (var i in remaining)
        {
            try
            {
                foreach (var statement in batch[i].Change.Statements)
                {
                    if (Execute(statement) != 1 && statement.Shape.ExpectOneRow) throw ChangeSet.Conflict(statement.Shape);
                }
            }
            catch (Exception e)
            {
                errors[i] = e;
                return i;
            }
        }
        return null;
    }

    private int Execute(PlainStatement statement)
    {
        if (!commands.TryGetValue(statement.Shape.Id, out var command))
        {
            command = Command(statement.Shape.Sql);
            for (var i = 0; i < statement.Values.Length; i++) command.Parameters.Add(new SqliteParameter($"@p{i}", null));
            commands[statement.Shape.Id] = command;
        }
        for (var i = 0; i < statement.Values.Length; i++) command.Parameters[i].Value = statement.Values[i] ?? DBNull.Value;
        return command.ExecuteNonQuery();
    }

    private void Rollback()
    {
        try
        {
            rollback.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // SQLite already rolled the transaction back itself (it does on some errors, such as a full disk).
        }
    }

    private void Run()
    {
        while (true)
        {
            work.Wait();
            work.Reset();
            if (stopping) return;
            var current = job!;
            try
            {
                current.Done.SetResult(Apply(current.Batch));
            }
            catch (Exception e)
            {
                current.Done.SetException(e);
            }
        }
    }

    private SqliteCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public void Dispose()
    {
        stopping = true;
        work.Set();
        thread?.Join();
        foreach (var command in commands.Values) command.Dispose();
        foreach (var command in new[] { begin, commit, rollback, setApplied }) command.Dispose();
        connection.Dispose();
        work.Dispose();
    }

    private sealed class Job(IReadOnlyList<(long Seq, LoggedChange Change)> batch)
    {
        public IReadOnlyList<(long Seq, LoggedChange Change)> Batch { get; } = batch;
        public TaskCompletionSource<Exception?[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
