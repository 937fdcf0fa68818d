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
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? $"Data Source={DefaultFile}" : connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && !builder.DataSource.StartsWith(':') && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(workingDirectory, builder.DataSource));
        }
        if (!builder.DataSource.StartsWith(':') && builder.Mode != SqliteOpenMode.Memory)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        // Foreign keys, WAL and synchronous=FULL are set once per native connection by SqlitePragmaInterceptor;
        // "Foreign Keys=True" here would run its pragma again on every open.
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 30);   // seconds a writer waits for the lock (busy timeout)
        builder.Pooling = true;
        return builder.ToString();
    }
}
