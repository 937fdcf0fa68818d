using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Mediation.Workflows.Persistence.CommandLog;

/// <summary>
/// Writes logged change sets into the tables, on a thread and a connection of its own, while the command log is
/// flushing the same batch: the tables' pages need no flush of their own, since the log holds every command until a
/// flush of the database's WAL has made it durable there too. Each batch is one transaction that also records the
/// highest sequence number it covers (<c>CommandLogState.AppliedSeq</c>), so recovery knows where to start. A change
/// set that fails (a lost concurrency check) fails alone: the transaction is rolled back and written again without it.
/// </summary>
/// <remarks>
/// Statements run on SQLite's own prepared statements (SQLitePCLRaw, under Microsoft.Data.Sqlite's connection), with
/// text bound from one reused buffer: Microsoft.Data.Sqlite allocates a binder and a UTF-8 copy for every parameter of
/// every execution, which was a quarter of everything the engine allocated.
/// </remarks>
internal sealed class TableWriter : IDisposable
{
    public const string StateTable = "CommandLogState";

    private readonly SqliteConnection connection;
    private readonly sqlite3 db;
    private readonly Dictionary<int, Prepared> statements = [];
    private readonly Prepared begin, commit, rollback, setApplied;
    private byte[] text = new byte[4096];
    // No spinning before the thread sleeps: on the 2-core machine a spinning waiter's sched_yield calls take the CPU the
    // command needs, and a futex wake-up is quick enough beside the log's flush.
    private readonly ManualResetEventSlim work = new(false, spinCount: 0);
    private readonly ManualResetEventSlim finished = new(false, spinCount: 0);
    private Thread? thread;
    private IReadOnlyList<(long Seq, LoggedChange Change)>? pending;
    private Exception?[]? result;
    private Exception? failure;
    private volatile bool stopping;
    private long appliedSeq;

    public TableWriter(SqliteConnection connection, long appliedSeq)
    {
        this.connection = connection;
        db = connection.Handle!;
        this.appliedSeq = appliedSeq;
        begin = Prepare("BEGIN IMMEDIATE", 0);
        commit = Prepare("COMMIT", 0);
        rollback = Prepare("ROLLBACK", 0);
        setApplied = Prepare($"UPDATE \"{StateTable}\" SET \"AppliedSeq\" = @p0 WHERE \"Id\" = 1", 1);
    }

    /// <summary>Every command up to this one has been written to the tables (or failed, and was voided in the log).</summary>
    public long AppliedSeq => Interlocked.Read(ref appliedSeq);

    /// <summary>Starts the writer's thread; until then <see cref="Apply"/> runs on the caller's (recovery).</summary>
    public void Start()
    {
        thread = new Thread(Run) { IsBackground = true, Name = "Mediation table writer" };
        thread.Start();
    }

    /// <summary>Hands the batch to the writer's thread; <see cref="Wait"/> gives each change set's failure, or null.</summary>
    public void Begin(IReadOnlyList<(long Seq, LoggedChange Change)> batch)
    {
        pending = batch;
        result = null;
        failure = null;
        finished.Reset();
        work.Set();
    }

    /// <summary>
    /// Blocks until the batch <see cref="Begin"/> handed over is written. The caller (the group commit's leader) has
    /// just flushed the log on the same thread, so it waits here rather than hop to another thread for the answer.
    /// </summary>
    public Exception?[] Wait()
    {
        finished.Wait();
        if (failure is not null) throw new CommandLogException($"the table writer failed: {failure.Message}", failure);
        return result!;
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
                Run(begin, []);
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
                Run(setApplied, [last]);
                Run(commit, []);
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
        if (!statements.TryGetValue(statement.Shape.Id, out var prepared))
        {
            statements[statement.Shape.Id] = prepared = Prepare(statement.Shape.Sql, statement.Values.Length);
        }
        return Run(prepared, statement.Values);
    }

    /// <summary>Binds the values, steps the statement once and resets it; the rows it changed.</summary>
    private int Run(Prepared prepared, object?[] values)
    {
        var statement = prepared.Statement;
        for (var i = 0; i < values.Length; i++) Check(Bind(statement, prepared.Indexes[i], values[i]));
        var rc = raw.sqlite3_step(statement);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            var error = new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
            raw.sqlite3_reset(statement);
            throw error;
        }
        raw.sqlite3_reset(statement);
        return raw.sqlite3_changes(db);
    }

    private int Bind(sqlite3_stmt statement, int index, object? value)
    {
        switch (value)
        {
            case null:
                return raw.sqlite3_bind_null(statement, index);
            case long l:
                return raw.sqlite3_bind_int64(statement, index, l);
            case double d:
                return raw.sqlite3_bind_double(statement, index, d);
            case string s:
                var length = Encoding.UTF8.GetMaxByteCount(s.Length);
                if (text.Length < length) text = new byte[Math.Max(length, text.Length * 2)];
                var written = Encoding.UTF8.GetBytes(s, text);
                return raw.sqlite3_bind_text(statement, index, text.AsSpan(0, written));   // SQLite copies it (SQLITE_TRANSIENT)
            case byte[] bytes:
                return raw.sqlite3_bind_blob(statement, index, bytes);
            default:
                throw new NotSupportedException($"Not a plain value: {value.GetType().Name}.");
        }
    }

    private Prepared Prepare(string sql, int parameters)
    {
        Check(raw.sqlite3_prepare_v2(db, sql, out var statement));
        var indexes = new int[parameters];
        for (var i = 0; i < parameters; i++) indexes[i] = raw.sqlite3_bind_parameter_index(statement, $"@p{i}");
        return new Prepared(statement, indexes);
    }

    private void Rollback()
    {
        try
        {
            Run(rollback, []);
        }
        catch (SqliteException)
        {
            // SQLite already rolled the transaction back itself (it does on some errors, such as a full disk).
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
    }

    private void Run()
    {
        while (true)
        {
            work.Wait();
            work.Reset();
            if (stopping) return;
            try
            {
                result = Apply(pending!);
            }
            catch (Exception e)
            {
                failure = e;
            }
            finished.Set();
        }
    }

    public void Dispose()
    {
        stopping = true;
        work.Set();
        thread?.Join();
        foreach (var prepared in statements.Values.Concat([begin, commit, rollback, setApplied])) prepared.Statement.Dispose();
        connection.Dispose();
        work.Dispose();
        finished.Dispose();
    }

    private sealed record Prepared(sqlite3_stmt Statement, int[] Indexes);

}
