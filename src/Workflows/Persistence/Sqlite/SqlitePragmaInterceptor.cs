using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mediation.Workflows.Persistence.Sqlite;

/// <summary>
/// The per-connection settings the product depends on: WAL, <c>synchronous=FULL</c> (a power cut loses no committed
/// step), a 30 s busy timeout and foreign keys. Pragmas belong to the native connection, which Microsoft.Data.Sqlite
/// pools and hands out again on every open, so they run once per native connection, not on every open: a command
/// opens a connection or two, and three pragma statements each time were a tenth of a step.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public const string ProductPragmas = "journal_mode=WAL; synchronous=FULL; busy_timeout=30000; foreign_keys=ON";

    // EF checks that the file exists on a read-only connection. Switching the journal mode is a write, which fails
    // there when the file is not in WAL yet (a restored backup, a file from another tool): the next writable
    // connection switches it.
    private const string ReadOnlySql = "PRAGMA busy_timeout=30000;";

    private readonly string sql;
    private readonly ConditionalWeakTable<object, object> configured = new();

    /// <param name="pragmas">Pragmas separated by <c>;</c> (<c>name=value</c>); the product's when null.</param>
    public SqlitePragmaInterceptor(string? pragmas = null)
    {
        sql = string.Concat((pragmas ?? ProductPragmas)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => $"PRAGMA {p};"));
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsPragmas(connection, out var handle)) return;
        using var command = connection.CreateCommand();
        command.CommandText = SqlFor(connection);
        command.ExecuteNonQuery();
        configured.AddOrUpdate(handle, handle);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (!NeedsPragmas(connection, out var handle)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = SqlFor(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        configured.AddOrUpdate(handle, handle);
    }

    private string SqlFor(DbConnection connection)
        => new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly ? ReadOnlySql : sql;

    /// <summary>True when this native connection has not had the pragmas yet (any other kind of connection always gets them).</summary>
    private bool NeedsPragmas(DbConnection connection, out object handle)
    {
        handle = (connection as SqliteConnection)?.Handle as object ?? connection;
        return !configured.TryGetValue(handle, out _);
    }
}
