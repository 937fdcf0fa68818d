using Microsoft.Data.Sqlite;

namespace Mediation.Host.Infrastructure.Database;

/// <summary>The SQLite connection string the product uses; the pragmas are <see cref="Mediation.Workflows.Persistence.Sqlite.SqlitePragmaInterceptor"/>'s.</summary>
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
        // Foreign keys, WAL and synchronous=FULL are set once per native connection by SqlitePragmaInterceptor;
        // "Foreign Keys=True" here would run its pragma again on every open.
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
