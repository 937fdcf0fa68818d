using System.Text;
using Mediation.Workflows.Execution;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Mediation.Workflows.Persistence.CommandLog;

/// <summary>
/// Writes logged change sets into the tables, on a thread and a connection of its own, while the command log is
/// flushing the same batch: the tables' pages need no flush of their own, since the log holds every command until a
/// flush of the database's WAL has made it durable there too. Batches go into one open transaction, each under a
/// savepoint, and the transaction commits every <see cref="EngineOptions.CommandLogCommitInterval"/> (5 ms), once the
/// writer has been idle for <see cref="EngineOptions.CommandLogIdleCommit"/> (2 ms), after a batch of two or more
/// (<see cref="CommitBatch"/>), and at once when another connection is about to read or write (<see cref="Publish"/>,
/// called by <see cref="Sqlite.CommandLogBarrier"/>).
/// A commit writes each page it changed once, however many commands changed it: a transaction per command wrote about
/// ten WAL frames per command, and their write-back at each checkpoint held the log's own flushes up. The commit also
/// records the highest sequence number it covers (<c>CommandLogState.AppliedSeq</c>), so recovery knows where to
/// start; what was answered but not committed is in the log. A change set that fails (a lost concurrency check) fails
/// alone: the batch's savepoint is rolled back and the batch written again without it.
/// </summary>
/// <remarks>
/// Statements run on SQLite's own prepared statements (SQLitePCLRaw, under Microsoft.Data.Sqlite's connection), with
/// text bound from one reused buffer: Microsoft.Data.Sqlite allocates a binder and a UTF-8 copy for every parameter of
/// every execution, which was a quarter of everything the engine allocated.
/// </remarks>
internal sealed class TableWriter : IDisposable
{
    public const string StateTable = "CommandLogState";

    /// <summary>
    /// After another connection asked for the writer's commands (<see cref="Publish"/>), each batch commits at once for
    /// this long, as one that writes waits for the write lock: its busy handler would otherwise keep missing the
    /// moments between two of the writer's transactions.
    /// </summary>
    public static readonly TimeSpan ShareLockFor = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// A batch of this many change sets commits at once: its commands already share their pages, and under such load
    /// a commit of several batches' pages held the next batch up by as long (16 clients: p99 step under 5 ms in seven
    /// runs of eight, against seven of fourteen with a commit every 5 ms only).
    /// </summary>
    public const int CommitBatch = 2;

    private readonly SqliteConnection connection;
    private readonly sqlite3 db;
    private readonly long commitInterval;
    private readonly TimeSpan idleCommit;
    private readonly Dictionary<int, Prepared> statements = [];
    private readonly Prepared begin, commit, rollback, savepoint, release, rollbackTo, setApplied;
    private byte[] text = new byte[4096];
    // No spinning before the thread sleeps: on the 2-core machine a spinning waiter's sched_yield calls take the CPU the
    // command needs, and a futex wake-up is quick enough beside the log's flush.
    private readonly ManualResetEventSlim work = new(false, spinCount: 0);
    private readonly ManualResetEventSlim finished = new(false, spinCount: 0);
    private readonly object published = new();
    private Thread? thread;
    private IReadOnlyList<(long Seq, LoggedChange Change)>? pending;
    private Exception?[]? result;
    private Exception? broken;
    private volatile bool stopping;
    private volatile bool publishRequested;
    private long shareLockUntil;
    // The open transaction: since when, and the change sets written into it (what a lost transaction writes again).
    private bool open;
    private long openedAt;
    private readonly List<(long Seq, LoggedChange Change)> unpublished = [];
    private long writtenSeq;
    private long appliedSeq;

    public TableWriter(SqliteConnection connection, long appliedSeq, EngineOptions options)
    {
        this.connection = connection;
        commitInterval = (long)options.CommandLogCommitInterval.TotalMilliseconds;
        idleCommit = options.CommandLogIdleCommit;
        db = connection.Handle!;
        this.appliedSeq = writtenSeq = appliedSeq;
        begin = Prepare("BEGIN IMMEDIATE", 0);
        commit = Prepare("COMMIT", 0);
        rollback = Prepare("ROLLBACK", 0);
        savepoint = Prepare("SAVEPOINT batch", 0);
        release = Prepare("RELEASE batch", 0);
        rollbackTo = Prepare("ROLLBACK TO batch", 0);
        setApplied = Prepare($"UPDATE \"{StateTable}\" SET \"AppliedSeq\" = @p0 WHERE \"Id\" = 1", 1);
    }

    /// <summary>Every command up to this one is committed in the tables (or failed, and was voided in the log).</summary>
    public long AppliedSeq => Interlocked.Read(ref appliedSeq);

    /// <summary>Starts the writer's thread; until then <see cref="Apply"/> runs on the caller's (recovery) and commits each batch.</summary>
    public void Start()
    {
        thread = new Thread(Run) { IsBackground = true, Name = "Mediation table writer" };
        thread.Start();
    }

    /// <summary>Hands the batch to the writer's thread; <see cref="Wait"/> gives each change set's failure, or null.</summary>
    public void Begin(IReadOnlyList<(long Seq, LoggedChange Change)> batch)
    {
        result = null;
        finished.Reset();
        Volatile.Write(ref pending, batch);
        work.Set();
    }

    /// <summary>
    /// Blocks until the batch <see cref="Begin"/> handed over is written. The caller (the group commit's leader) has
    /// just flushed the log on the same thread, so it waits here rather than hop to another thread for the answer.
    /// </summary>
    public Exception?[] Wait()
    {
        finished.Wait();
        return result ?? throw Broken();
    }

    /// <summary>
    /// Commits what the writer has written so far, and returns once it is committed: every command answered before the
    /// call is then in the tables for any connection that reads after it. Cheap when there is nothing to commit.
    /// </summary>
    public void Publish()
    {
        var target = Interlocked.Read(ref writtenSeq);
        if (Interlocked.Read(ref appliedSeq) >= target) return;
        Volatile.Write(ref shareLockUntil, Environment.TickCount64 + (long)ShareLockFor.TotalMilliseconds);
        lock (published)
        {
            publishRequested = true;
            work.Set();
            while (Interlocked.Read(ref appliedSeq) < target)
            {
                if (Volatile.Read(ref broken) is not null) throw Broken();
                Monitor.Wait(published);
            }
        }
    }

    private CommandLogException Broken()
        => new($"the table writer failed: {broken?.Message}; restart the Host, which writes the logged commands back", broken);

    /// <summary>
    /// Writes the batch into the open transaction (opening one when none is), without the change sets that fail;
    /// returns each one's failure, or null. Before the writer's thread starts (recovery), the batch commits at once.
    /// </summary>
    public Exception?[] Apply(IReadOnlyList<(long Seq, LoggedChange Change)> batch)
    {
        var errors = new Exception?[batch.Count];
        if (broken is not null)
        {
            Array.Fill(errors, Broken());
            return errors;
        }
        if (!open)
        {
            try
            {
                Run(begin, []);
            }
            catch (Exception e)
            {
                // Nothing answered is waiting in a transaction: only this batch fails.
                Array.Fill(errors, e);
                return errors;
            }
            open = true;
            openedAt = Environment.TickCount64;
        }
        var remaining = Enumerable.Range(0, batch.Count).ToList();
        while (remaining.Count > 0)
        {
            Run(savepoint, []);
            var failed = WriteUntilFailure(batch, remaining, errors);
            if (failed is not { } index)
            {
                Run(release, []);
                break;
            }
            if (raw.sqlite3_get_autocommit(db) != 0)
            {
                // SQLite gave the whole transaction up (a full disk, an I/O error): write the answered commands in it
                // again, and this batch without the change set that failed.
                open = false;
                Reopen();
            }
            else
            {
                Run(rollbackTo, []);
                Run(release, []);
            }
            remaining.Remove(index);
        }
        foreach (var i in remaining) unpublished.Add(batch[i]);
        Interlocked.Exchange(ref writtenSeq, batch.Max(b => b.Seq));
        if (thread is null) Commit();
        return errors;
    }

    /// <summary>Begins a transaction and writes the answered commands of the one SQLite gave up into it; the writer breaks if they do not go in.</summary>
    private void Reopen()
    {
        try
        {
            Run(begin, []);
            open = true;
            foreach (var (_, change) in unpublished) Write(change);
        }
        catch (Exception e)
        {
            Break(e);
            throw Broken();
        }
    }

    /// <summary>Commits the open transaction, with the highest sequence number written, and wakes whoever waits for it.</summary>
    private void Commit()
    {
        if (open)
        {
            try
            {
                Run(setApplied, [Interlocked.Read(ref writtenSeq)]);
                Run(commit, []);
            }
            catch (Exception e)
            {
                // Answered commands are in this transaction: they may not be dropped, and nothing after them may go in
                // first. The log holds them all; a restart writes them back.
                Break(e);
                Rollback();
                open = false;
                throw Broken();
            }
            open = false;
            unpublished.Clear();
        }
        Interlocked.Exchange(ref appliedSeq, Interlocked.Read(ref writtenSeq));
        WakePublishers();
    }

    private void Break(Exception e)
    {
        Interlocked.CompareExchange(ref broken, e, null);
        WakePublishers();
    }

    private void WakePublishers()
    {
        lock (published)
        {
            publishRequested = false;
            Monitor.PulseAll(published);
        }
    }

    private int? WriteUntilFailure(IReadOnlyList<(long Seq, LoggedChange Change)> batch, List<int> remaining, Exception?[] errors)
    {
        foreach (var i in remaining)
        {
            try
            {
                Write(batch[i].Change);
            }
            catch (Exception e)
            {
                errors[i] = e;
                return i;
            }
        }
        return null;
    }

    /// <summary>Runs one change set's statements; a statement that should change one row and changed none is a lost concurrency check.</summary>
    private void Write(LoggedChange change)
    {
        foreach (var statement in change.Statements)
        {
            if (Execute(statement) != 1 && statement.Shape.ExpectOneRow) throw ChangeSet.Conflict(statement.Shape);
        }
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
            if (!work.Wait(open ? idleCommit : Timeout.InfiniteTimeSpan))
            {
                TryCommit();
                continue;
            }
            work.Reset();
            if (stopping) return;
            var size = 0;
            if (Interlocked.Exchange(ref pending, null) is { } batch)
            {
                size = batch.Count;
                try
                {
                    result = Apply(batch);
                }
                catch (Exception e)
                {
                    Break(e);
                }
                finished.Set();
            }
            if (open && (publishRequested || size >= CommitBatch || Environment.TickCount64 - openedAt >= commitInterval
                || Environment.TickCount64 < Volatile.Read(ref shareLockUntil)))
            {
                TryCommit();
            }
        }
    }

    /// <summary>Commits on the writer's thread; a failure has broken the writer, which every later call reports.</summary>
    private void TryCommit()
    {
        try
        {
            Commit();
        }
        catch (CommandLogException)
        {
            // Broken: Apply, Wait and Publish say so from now on.
        }
    }

    public void Dispose()
    {
        stopping = true;
        work.Set();
        thread?.Join();
        if (open && broken is null) TryCommit();
        foreach (var prepared in statements.Values.Concat([begin, commit, rollback, savepoint, release, rollbackTo, setApplied])) prepared.Statement.Dispose();
        connection.Dispose();
        work.Dispose();
        finished.Dispose();
    }

    private sealed record Prepared(sqlite3_stmt Statement, int[] Indexes);

}
