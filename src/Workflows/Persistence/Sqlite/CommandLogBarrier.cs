using System.Data.Common;
using Mediation.Workflows.Persistence.CommandLog;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mediation.Workflows.Persistence.Sqlite;

/// <summary>
/// Makes every command the engine has answered visible to the statement or transaction about to start on any other
/// connection to the same SQLite file: the command log's table writer keeps its transaction open for a few
/// milliseconds (<see cref="LoggedCommits"/>), and this asks it to commit first. Without a log open on the file, or
/// with nothing waiting to be committed, it costs two dictionary lookups. Every product context on SQLite carries it
/// beside <see cref="SqlitePragmaInterceptor"/>.
/// </summary>
/// <remarks>
/// The wait is synchronous on the async paths too: it is the writer's commit, a fraction of a millisecond, and an
/// awaitable wake-up would cost more than it saves.
/// </remarks>
public sealed class CommandLogBarrier : DbCommandInterceptor, IDbTransactionInterceptor
{
    /// <summary>One is enough for every context: it keeps no state of its own.</summary>
    public static CommandLogBarrier Instance { get; } = new();

    private CommandLogBarrier()
    {
    }

    /// <summary>Has the writer commit what it has answered when a log is open on the connection's file; passes the result on.</summary>
    private static T Published<T>(DbConnection? connection, T result)
    {
        if (connection is not null) LoggedCommits.For(connection.ConnectionString)?.Publish();
        return result;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result) => Published(command.Connection, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Published(command.Connection, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        => Published(command.Connection, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Published(command.Connection, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        => Published(command.Connection, result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Published(command.Connection, result));

    // A transaction takes its snapshot, or SQLite's write lock, when it begins (Microsoft.Data.Sqlite begins IMMEDIATE).
    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result) => Published(connection, result);

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Published(connection, result));
}
