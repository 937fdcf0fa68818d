using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mediation.Benchmarks.Infrastructure;

/// <summary>
/// <c>--breakdown</c>: where a command's time goes on the database side. Times, per kind, connection opens (with the
/// pragmas, which run in an interceptor registered before this one), SELECTs (execute to reader disposed, so EF's
/// materialisation is in), write batches, BEGIN (waiting for the write lock) and COMMIT (the fsync).
/// ADO.NET-level, so it serves every provider; on PostgreSQL an open takes a pooled connection, Npgsql sends BEGIN with
/// the next statement (so BEGIN costs nothing here and row-lock waits fall in the writes) and COMMIT is the WAL flush.
/// </summary>
internal sealed class SqlTiming : IDbConnectionInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    public enum Kind { Open, Query, Write, Begin, Commit }

    private readonly ConcurrentDictionary<object, (Kind Kind, long Started)> running = new(ReferenceEqualityComparer.Instance);
    private readonly long[] ticks = new long[Enum.GetValues<Kind>().Length];
    private readonly long[] counts = new long[Enum.GetValues<Kind>().Length];

    public void Reset()
    {
        Array.Clear(ticks);
        Array.Clear(counts);
    }

    public IReadOnlyList<(Kind Kind, long Count, double TotalMs)> Totals()
        => Enum.GetValues<Kind>().Select(k => (k, Interlocked.Read(ref counts[(int)k]),
            Interlocked.Read(ref ticks[(int)k]) * 1000.0 / Stopwatch.Frequency)).ToList();

    private void Begin(object key, Kind kind) => running[key] = (kind, Stopwatch.GetTimestamp());

    private void End(object key)
    {
        if (!running.TryRemove(key, out var entry)) return;
        Interlocked.Add(ref ticks[(int)entry.Kind], Stopwatch.GetTimestamp() - entry.Started);
        Interlocked.Increment(ref counts[(int)entry.Kind]);
    }

    private static Kind Classify(DbCommand command)
        => command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) ? Kind.Query : Kind.Write;

    // Connections
    public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Begin(connection, Kind.Open);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Begin(connection, Kind.Open);
        return ValueTask.FromResult(result);
    }

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => End(connection);

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        End(connection);
        return Task.CompletedTask;
    }

    // Commands: a reader is timed until it is disposed, so reading the rows and materialising them count too.
    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Begin(command, Classify(command));
        return result;
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Begin(command, Classify(command));
        return ValueTask.FromResult(result);
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        End(command);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Begin(command, Classify(command));
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Begin(command, Classify(command));
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        End(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        End(command);
        return ValueTask.FromResult(result);
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => running.TryRemove(command, out _);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        running.TryRemove(command, out _);
        return Task.CompletedTask;
    }

    // Transactions: BEGIN IMMEDIATE waits for SQLite's single write lock; COMMIT is where synchronous=FULL syncs the WAL.
    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        Begin(connection, Kind.Begin);
        return result;
    }

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        Begin(connection, Kind.Begin);
        return ValueTask.FromResult(result);
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        End(connection);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData,
        DbTransaction result, CancellationToken cancellationToken = default)
    {
        End(connection);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        Begin(transaction, Kind.Commit);
        return result;
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Begin(transaction, Kind.Commit);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => End(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        End(transaction);
        return Task.CompletedTask;
    }
}
