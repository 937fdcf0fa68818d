using System.Data;
using System.Data.Common;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Persistence.CommandLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mediation.Workflows.Persistence;

/// <summary>
/// Commits for a database that takes one writer at a time (SQLite): commands that finish while another commit is
/// on the disk wait in a queue, and the next of them to lead writes all their change sets in one transaction, with
/// one COMMIT and so one fsync for the lot. With one client nothing waits and each command is its own transaction,
/// as before; with many, the fsync (the cost that stays however lean the engine is) is shared. A change set that
/// loses its concurrency check, or fails, fails alone: the transaction is rolled back and the others are written
/// again and commit. Batches are written on one connection the group commit keeps open (one leader at a time),
/// where each statement shape stays prepared. On a SQLite file the batches go through the command log instead
/// (<see cref="LoggedCommits"/>): the same batching, with one small flushed append per batch.
/// </summary>
internal sealed class GroupCommit(IWorkflowDbFactory databases, EngineOptions options, HotRows rows, ILoggerFactory? loggers = null) : IAsyncDisposable
{
    /// <summary>Change sets in one transaction at most: a bound on how long the last of them waits for its answer.</summary>
    public const int MaxBatch = 64;

    private readonly Lock gate = new();
    private long transactions;
    private long changeSets;
    private readonly Queue<Pending> queue = new();
    private bool leading;

    /// <summary>Transactions committed and change sets they carried, since start: how much the fsyncs were shared.</summary>
    public (long Transactions, long ChangeSets) Totals => (Interlocked.Read(ref transactions), Interlocked.Read(ref changeSets));

    private int inside;

    /// <summary>Change sets waiting for a leader to write them.</summary>
    public int Queued
    {
        get { lock (gate) return queue.Count; }
    }

    /// <summary>Commands inside <see cref="CommitAsync"/>: queued, being written, or waiting for their answer.</summary>
    public int Inside => Volatile.Read(ref inside);

    /// <summary>Writes <paramref name="changes"/> durably, alone or with others'; returns once they are committed.</summary>
    public async Task CommitAsync(ChangeSet changes)
    {
        // The log's encoding is made here, on the command's own thread, so that many commands make theirs at once.
        if (logged is not null) changes.PrepareForLog();
        var pending = new Pending(changes);
        Interlocked.Increment(ref inside);
        try
        {
            await CommitInTurnAsync(pending).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref inside);
        }
    }

    private async Task CommitInTurnAsync(Pending pending)
    {
        bool lead;
        lock (gate)
        {
            queue.Enqueue(pending);
            lead = !leading;
            leading = true;
        }
        // Nothing was being written: this command leads at once, on its own thread.
        if (lead) await LeadAsync().ConfigureAwait(false);
        // Not cancellable once queued: another command's leader may be writing these changes already.
        while (await pending.Turn.Task.ConfigureAwait(false) == Role.Leader)
        {
            pending.ResetTurn();
            await LeadAsync().ConfigureAwait(false);
        }
        pending.ThrowIfFailed();
    }

    /// <summary>
    /// Takes what is queued, commits it, answers each, and passes the lead on when more is queued: through the command
    /// log, to the committer's thread; otherwise to the first command still waiting.
    /// </summary>
    private async Task LeadAsync()
    {
        var batch = TakeBatch();
        if (OpenLog() is { } log)
        {
            CommitLogged(log, batch);
            if (PassLead() is not null) (committer ??= new Committer(this)).Wake();
            return;
        }
        try
        {
            // Not the leader's cancellation token: the batch is every member's, and half a batch is no answer.
            await WriteAsync(await WriterAsync().ConfigureAwait(false), batch).ConfigureAwait(false);
            Committed(batch);
        }
        catch (Exception e)
        {
            Failed(batch, e);
            await ResetWriterAsync().ConfigureAwait(false);   // a broken connection is not used again
        }
        var next = PassLead();
        foreach (var item in batch) item.Done();
        next?.Lead();
    }

    private List<Pending> TakeBatch()
    {
        lock (gate)
        {
            var batch = new List<Pending>(Math.Min(queue.Count, MaxBatch));
            while (queue.Count > 0 && batch.Count < MaxBatch) batch.Add(queue.Dequeue());
            return batch;
        }
    }

    /// <summary>The first command still queued, which the lead passes to; null (and no leader) when none is.</summary>
    private Pending? PassLead()
    {
        lock (gate)
        {
            if (queue.Count > 0) return queue.Peek();
            leading = false;
            return null;
        }
    }

    /// <summary>Writes the batch through the command log and answers each of its commands.</summary>
    private void CommitLogged(LoggedCommits log, List<Pending> batch)
    {
        try
        {
            var errors = log.Write(batch.Select(p => p.Changes).ToList());
            for (var i = 0; i < batch.Count; i++)
            {
                if (errors[i] is { } error) batch[i].Fail(error);
            }
            Committed(batch);
        }
        catch (Exception e)
        {
            Failed(batch, e);
        }
        foreach (var item in batch) item.Done();
    }

    private void Committed(List<Pending> batch)
    {
        Interlocked.Increment(ref transactions);
        Interlocked.Add(ref changeSets, batch.Count);
        foreach (var item in batch)
        {
            if (item.Error is not null)
            {
                rows.Failed(item.Changes.Written);
                continue;
            }
            rows.Committed(item.Changes.Written);
            item.Changes.Accept();
        }
    }

    private void Failed(List<Pending> batch, Exception e)
    {
        foreach (var item in batch.Where(p => p.Error is null)) item.Fail(e);
        foreach (var item in batch) rows.Failed(item.Changes.Written);
    }

    private Committer? committer;

    /// <summary>
    /// The thread that leads through the command log while commands keep coming. A command that finds nothing being
    /// written leads at once on its own thread; when more have queued by the time its batch is on the disk, the lead
    /// passes here rather than to one of the waiting commands, whose turn would first wait in the thread pool's queue
    /// behind the other commands' work (on two cores, most of a batch's time again), while this thread is woken by
    /// the kernel at once. It leads until nothing is queued, then sleeps.
    /// </summary>
    private sealed class Committer
    {
        private readonly GroupCommit owner;
        private readonly ManualResetEventSlim wake = new(false, spinCount: 0);
        private readonly Thread thread;
        private volatile bool stopping;

        public Committer(GroupCommit owner)
        {
            this.owner = owner;
            thread = new Thread(Run) { IsBackground = true, Name = "Mediation committer" };
            thread.Start();
        }

        public void Wake() => wake.Set();

        private void Run()
        {
            while (true)
            {
                wake.Wait();
                wake.Reset();
                if (stopping) return;
                do
                {
                    owner.CommitLogged(owner.logged!, owner.TakeBatch());
                }
                while (owner.PassLead() is not null);
            }
        }

        public void Stop()
        {
            stopping = true;
            wake.Set();
            thread.Join();
            wake.Dispose();
        }
    }

    private WorkflowDbContext? writer;
    private PreparedCommands? prepared;
    private LoggedCommits? logged;
    private bool logChecked;

    private ILogger Logger => loggers?.CreateLogger<GroupCommit>() ?? NullLogger<GroupCommit>.Instance;

    /// <summary>
    /// The command log, opened (and recovered) by the first leader; null when commits are direct: the option is off,
    /// the database is in memory, or its migrations have not made the log's state table yet.
    /// </summary>
    private LoggedCommits? OpenLog()
    {
        if (logChecked) return logged;
        if (options.CommandLog && databases.SingleWriter)
        {
            using var db = databases.Create();
            logged = LoggedCommits.Open(db.Database.GetDbConnection().ConnectionString, options, Logger);
        }
        logChecked = true;
        return logged;
    }

    /// <summary>Writes back what a crash left in the command log, before migrations run (the Host's start-up).</summary>
    public void Recover()
    {
        if (!options.CommandLog || !databases.SingleWriter || logChecked) return;
        using var db = databases.Create();
        LoggedCommits.Recover(db.Database.GetDbConnection().ConnectionString, options, Logger);
    }

    /// <summary>The writer's connection, opened through the factory (so with the product's pragmas) on first use.</summary>
    private async Task<DbConnection> WriterAsync()
    {
        if (writer is null)
        {
            writer = databases.Create();
            await writer.Database.OpenConnectionAsync().ConfigureAwait(false);
            prepared = new PreparedCommands(writer.Database.GetDbConnection());
        }
        return writer.Database.GetDbConnection();
    }

    private async Task ResetWriterAsync()
    {
        prepared?.Dispose();
        prepared = null;
        if (writer is not null) await writer.DisposeAsync().ConfigureAwait(false);
        writer = null;
    }

    public async ValueTask DisposeAsync()
    {
        committer?.Stop();
        committer = null;
        await ResetWriterAsync().ConfigureAwait(false);
        if (logged is not null) await logged.DisposeAsync().ConfigureAwait(false);
        logged = null;
    }

    /// <summary>
    /// Writes the batch in one transaction. A change set that fails (a lost concurrency check) fails alone: the
    /// transaction is rolled back and written again without it. Failures are rare, so this is cheaper than a savepoint
    /// around each change set, whose two extra statements were a tenth of the writer's time.
    /// </summary>
    private async Task WriteAsync(DbConnection connection, List<Pending> batch)
    {
        var ct = CancellationToken.None;
        var remaining = batch.Where(p => p.Error is null).ToList();
        while (remaining.Count > 0)
        {
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct).ConfigureAwait(false);
            var failed = await WriteUntilFailureAsync(connection, transaction, remaining, ct).ConfigureAwait(false);
            if (failed is null)
            {
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return;
            }
            await transaction.RollbackAsync(ct).ConfigureAwait(false);
            remaining.Remove(failed);
        }
    }

    /// <summary>Writes each change set in turn; the first that fails is marked failed and returned, the rest not written.</summary>
    private async Task<Pending?> WriteUntilFailureAsync(DbConnection connection, DbTransaction transaction, List<Pending> batch, CancellationToken ct)
    {
        foreach (var item in batch)
        {
            try
            {
                await item.Changes.WriteAsync(connection, transaction, ct, prepared).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                item.Fail(e);
                return item;
            }
        }
        return null;
    }

    private enum Role { Leader, Answered }

    private sealed class Pending(ChangeSet changes)
    {
        public ChangeSet Changes { get; } = changes;
        public Exception? Error { get; private set; }
        public TaskCompletionSource<Role> Turn { get; private set; } = NewTurn();

        public void Lead() => Turn.TrySetResult(Role.Leader);
        public void Done() => Turn.TrySetResult(Role.Answered);
        public void Fail(Exception e) => Error ??= e;
        public void ResetTurn() => Turn = NewTurn();

        public void ThrowIfFailed()
        {
            if (Error is null) return;
            if (Error is ConcurrencyConflictException conflict) throw new ConcurrencyConflictException(conflict.Message, conflict);
            throw new DbUpdateException("The command's changes could not be written: " + Error.Message, Error);
        }

        private static TaskCompletionSource<Role> NewTurn() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
