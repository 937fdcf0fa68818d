using System.Diagnostics;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Persistence.CommandLog;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mediation.Host.Cli;

/// <summary>
/// <c>backup &lt;file&gt;</c>: a consistent online copy of the SQLite database the app uses (the app may keep running).
/// Prints one line with the path, size and time; exit 0; 1 when the backup cannot be made; 2 on bad usage.
/// </summary>
/// <remarks>
/// Hangfire keeps its jobs in memory with SQLite, so there is no second file: every timer and service-task retry is a
/// row of the engine's Timers table, and start-up gives each pending one a Hangfire job again and registers the
/// recurring jobs anew.
/// </remarks>
public static class BackupVerb
{
    public static int Run(IReadOnlyList<string> args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        if (args.Count != 1 || args[0].StartsWith('-'))
        {
            error.WriteLine("usage: backup <file>   (a copy of the SQLite database named by ConnectionStrings:Mediation)");
            return 2;
        }
        try
        {
            var source = SourceFile(configuration);
            var target = Path.GetFullPath(args[0]);
            if (File.Exists(target) || Directory.Exists(target))
            {
                throw new SqliteBackupException($"'{target}' already exists; name a new file (a backup never overwrites one)");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var started = Stopwatch.GetTimestamp();
            WriteBackLoggedCommands(source);
            var bytes = SqliteBackup.Copy(source, target);
            output.WriteLine($"backup: {target} ({bytes:N0} bytes) in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.00} s, integrity_check ok");
            return 0;
        }
        catch (Exception e) when (e is SqliteBackupException or DatabaseConfigurationException or SqliteException or IOException
            or UnauthorizedAccessException or CommandLogException)
        {
            error.WriteLine($"backup: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// A copy must hold every command the app answered. After a crash, with the app not started since, some may be in
    /// the engine's command log only: they are written back first, as the app's start would. A running app holds the
    /// log, and has written them already.
    /// </summary>
    private static void WriteBackLoggedCommands(string source)
    {
        try
        {
            LoggedCommits.Recover($"Data Source={source}", new EngineOptions { CommandLogLockWait = TimeSpan.Zero }, NullLogger.Instance);
        }
        catch (CommandLogInUseException)
        {
            // The app is running.
        }
    }

    private static string SourceFile(IConfiguration configuration)
    {
        var provider = DatabaseServiceCollectionExtensions.ReadOptions(configuration).Provider;
        if (provider != DatabaseProvider.Sqlite)
        {
            throw new SqliteBackupException(provider == DatabaseProvider.PostgreSql
                ? "the database is PostgreSQL: back it up with pg_dump; this verb copies SQLite files only"
                : "the database is SQL Server: back it up with BACKUP DATABASE (or your SQL Server backup tool); this verb copies SQLite files only");
        }
        var connection = SqliteConnections.Resolve(configuration.GetConnectionString("Mediation"), Environment.CurrentDirectory);
        if (SqliteConnections.IsInMemory(connection)) throw new SqliteBackupException("the database is in memory; there is no file to back up");
        return File.Exists(connection.DataSource) ? connection.DataSource
            : throw new SqliteBackupException($"there is no database at '{connection.DataSource}'; run the backup from the directory the app runs in, or set ConnectionStrings__Mediation");
    }
}
