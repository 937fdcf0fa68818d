using Mediation.Workflows.Persistence.CommandLog;
using Microsoft.Data.Sqlite;

namespace Mediation.Host.Infrastructure.Database;

/// <summary>
/// A consistent copy of a live SQLite database. It is written beside the target under a temporary name and
/// renamed into place only once it passes <c>PRAGMA integrity_check</c>, so a failed backup never leaves a
/// half-written file under the target's name.
/// </summary>
public static class SqliteBackup
{
    /// <summary>Copies <paramref name="sourceFile"/> to <paramref name="targetFile"/>, which must not exist; returns the copy's size in bytes.</summary>
    public static long Copy(string sourceFile, string targetFile)
    {
        var partial = $"{targetFile}.{Guid.NewGuid():n}.partial";
        try
        {
            CopyPages(sourceFile, partial);
            CheckIntegrity(partial);
            // No overwrite: a file that appeared under the target's name meanwhile is kept, and the move fails.
            File.Move(partial, targetFile, overwrite: false);
            return new FileInfo(targetFile).Length;
        }
        finally
        {
            foreach (var leftover in new[] { partial, partial + "-journal", partial + "-wal", partial + "-shm" }) File.Delete(leftover);
        }
    }

    // SQLite's online backup API rather than VACUUM INTO: it copies the pages under one read transaction (all
    // pages in one step, so the copy is the snapshot at its start and never restarts), and in WAL mode the app
    // keeps committing meanwhile. VACUUM INTO would give the same snapshot but rebuilds every table and index
    // through SQL: more CPU on a small server for a compaction a backup does not need.
    private static void CopyPages(string sourceFile, string partial)
    {
        using var source = Open(sourceFile, SqliteOpenMode.ReadWrite);
        Execute(source, "PRAGMA busy_timeout=30000;");
        using var copy = Open(partial, SqliteOpenMode.ReadWriteCreate);
        source.BackupDatabase(copy);
        // The copied pages carry the source's WAL flag; a rollback-journal copy is one self-contained file to move
        // around, and the app switches it back to WAL when it opens it after a restore.
        Execute(copy, "PRAGMA journal_mode=DELETE;");
        // The copy holds the commands the engine had committed when it began (a running engine's table writer commits
        // within milliseconds of an answer), and it must never take in the source's command log, should the log be
        // left beside it after a restore.
        LoggedCommits.Disown(copy);
    }

    private static void CheckIntegrity(string partial)
    {
        using var copy = Open(partial, SqliteOpenMode.ReadOnly);
        using var command = copy.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        var verdict = command.ExecuteScalar() as string;
        if (verdict != "ok")
        {
            throw new SqliteBackupException($"the copy fails PRAGMA integrity_check ({verdict}); run the check on the database itself");
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // No pooling: each file must be closed for real before the copy is checked, renamed or deleted.
    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}

/// <summary>A backup that did not produce a sound copy; the message says why, in one line.</summary>
public sealed class SqliteBackupException(string message) : Exception(message);
