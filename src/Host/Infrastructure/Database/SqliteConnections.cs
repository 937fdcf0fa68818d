using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mediation.Host.Infrastructure.Database;

/// <summary>The SQLite settings the product depends on: WAL, no lost commit on power cut, waiting on locks, foreign keys.</summary>
public static class SqliteConnections
{
    public const string DefaultFile = "data/mediation.db";

    /// <summary>
    /// Completes a connection string: a relative file is resolved against the working directory (the directory
    /// <c>dotnet run</c> was typed in: the Host's project keeps it) and the safe defaults are set.
    /// </summary>
    public static string Normalise(string? connectionString, string workingDirectory)
    {
        var builder = Resolve(connectionString, workingDirectory);
        if (!IsInMemory(builder)) Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        builder.ForeignKeys = true;
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 30);   // seconds a writer waits for the lock (busy timeout)
        builder.Pooling = true;
        return builder.ToString();
    }

    /// <summary>The connection string with its file made absolute, and nothing created: the backup verb must not make a database it was asked to copy.</summary>
    public static SqliteConnectionStringBuilder Resolve(string? connectionString, string workingDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? $"Data Source={DefaultFile}" : connectionString);
        if (!IsInMemory(builder) && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(workingDirectory, builder.DataSource));
        }
        return builder;
    }

    public static bool IsInMemory(SqliteConnectionStringBuilder builder)
        => builder.Mode == SqliteOpenMode.Memory || builder.DataSource.StartsWith(':') || builder.DataSource.Length == 0;
}

/// <summary>Sets per-connection pragmas each time EF opens a connection.</summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";

    // EF checks that the file exists on a read-only connection. Switching the journal mode is a write, which fails
    // there when the file is not in WAL yet (a restored backup, a file from another tool): the next writable
    // connection switches it.
    private const string ReadOnlyPragmas = "PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = PragmasFor(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = PragmasFor(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string PragmasFor(DbConnection connection)
        => new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly ? ReadOnlyPragmas : Pragmas;
}
