using System.Collections.Concurrent;
using Mediation.Workflows.Execution;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Mediation.Workflows.Persistence.CommandLog;

/// <summary>
/// Durable commits for a SQLite file at the cost of one small flush per batch. A batch of change sets is appended to
/// the command log (<see cref="CommandLogFile"/>), which is flushed, while the table writer writes the same change
/// sets into its open transaction, which it commits with <c>synchronous=NORMAL</c> (no flush) every few milliseconds
/// or as soon as another connection reads (<see cref="Publish"/>); the commands are answered once both are done.
/// Every two seconds the WAL is checkpointed, started over and flushed, and the log segments whose commands that made
/// durable are reused. After a crash or power cut, <see cref="RecoverAsync"/> writes the logged commands the database
/// lost back into it, in order, before anything else reads or writes. So a command is durable when it is answered,
/// as with <c>synchronous=FULL</c>, but its flush carries a few hundred bytes instead of every page it changed.
/// </summary>
internal sealed class LoggedCommits : IAsyncDisposable
{
    private readonly CommandLogFile log;
    private readonly TableWriter writer;
    private readonly SqliteConnection maintenance;
    private readonly string walFile;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stop = new();
    private readonly Task maintaining;
    private readonly Lock maintenanceGate = new();
    private long lastSeq;
    private Exception? faulted;

    /// <summary>The logs open in this process, by database file: what <see cref="Sqlite.CommandLogBarrier"/> looks in.</summary>
    private static readonly ConcurrentDictionary<string, LoggedCommits> OpenLogs = new(StringComparer.Ordinal);

    /// <summary>The database file of each connection string seen (parsing one on every statement would cost more than the rest).</summary>
    private static readonly ConcurrentDictionary<string, string?> FileOf = new(StringComparer.Ordinal);

    private readonly string databaseFile;

    private LoggedCommits(CommandLogFile log, TableWriter writer, SqliteConnection maintenance, string databaseFile, long lastSeq,
        TimeSpan interval, ILogger logger)
    {
        this.log = log;
        this.writer = writer;
        this.maintenance = maintenance;
        this.lastSeq = lastSeq;
        this.logger = logger;
        this.databaseFile = databaseFile;
        walFile = databaseFile + "-wal";
        OpenLogs[databaseFile] = this;
        maintaining = Task.Run(() => MaintainAsync(interval, stop.Token));
    }

    /// <summary>The log's directory for a database file: beside it, named after it.</summary>
    public static string DirectoryFor(string databaseFile) => databaseFile + "-commandlog";

    /// <summary>Recovers, then opens the log for writing; null when the database is not a WAL-mode file (then commits are direct).</summary>
    public static LoggedCommits? Open(string connectionString, EngineOptions options, ILogger logger)
    {
        if (DatabaseFile(connectionString) is not { } file) return null;
        var maintenance = OpenConnection(connectionString, synchronous: "FULL");
        try
        {
            if (!IsWal(maintenance) || !StateTableExists(maintenance))
            {
                maintenance.Dispose();
                return null;
            }
            var (logId, applied) = ReadOrCreateState(maintenance);
            var commandLog = OpenLog(file, logId, options, logger);
            var tables = OpenConnection(connectionString, synchronous: "FULL");
            var writer = new TableWriter(tables, applied, options);
            try
            {
                var (lastSeq, lastSegment) = Recovery.Replay(commandLog, writer, applied, logger);
                commandLog.Begin(logId, lastSegment + 1);
                // From here on the log makes commands durable: the tables' transactions need no flush of their own, and
                // the WAL is checkpointed in the background, with a backstop on the writer's connection (TableWriter).
                Execute(tables, "PRAGMA synchronous=NORMAL");
                // Each batch's savepoint keeps the pages it changes in a statement journal: in memory, not a temp file.
                Execute(tables, "PRAGMA temp_store=MEMORY");
                Execute(tables, $"PRAGMA wal_autocheckpoint={options.CommandLogCheckpointPages}");
                writer.Start();
                return new LoggedCommits(commandLog, writer, maintenance, file, Math.Max(lastSeq, writer.AppliedSeq),
                    options.CommandLogMaintenance, logger);
            }
            catch
            {
                writer.Dispose();
                commandLog.Dispose();
                throw;
            }
        }
        catch
        {
            maintenance.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes the commands a crash left in the log back into the database, then closes the log again: the Host runs
    /// this before its migrations, since the logged statements are in the schema they were made for.
    /// </summary>
    public static void Recover(string connectionString, EngineOptions options, ILogger logger)
    {
        if (DatabaseFile(connectionString) is not { } file || !File.Exists(file) || !Directory.Exists(DirectoryFor(file))) return;
        using var connection = OpenConnection(connectionString, synchronous: "FULL");
        if (!IsWal(connection) || !StateTableExists(connection)) return;
        var (logId, applied) = ReadOrCreateState(connection);
        using var commandLog = OpenLog(file, logId, options, logger);
        using var writer = new TableWriter(OpenConnection(connectionString, synchronous: "FULL"), applied, options);
        Recovery.Replay(commandLog, writer, applied, logger);
    }

    /// <summary>Appends the batch to the log while the table writer writes it; returns each change set's failure, or null.</summary>
    public Exception?[] Write(IReadOnlyList<ChangeSet> batch)
    {
        if (faulted is not null) return Fail(batch.Count, faulted);
        var records = new CommandRecord[batch.Count];
        var items = new (long Seq, LoggedChange Change)[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var change = batch[i].PrepareForLog();
            var seq = ++lastSeq;
            records[i] = new CommandRecord(seq, change.Payload, change.Shapes);
            items[i] = (seq, change);
        }
        writer.Begin(items);
        try
        {
            log.Append(records);
        }
        catch (Exception e)
        {
            // What the table writer writes now may be in the database without being in the log: nothing more may be
            // answered as durable, so the engine stops committing until it is restarted and recovers.
            faulted = new CommandLogException($"the command log {log.Directory} could not be written ({e.Message}); restart the Host", e);
            logger.LogCritical(e, "The command log {Directory} could not be written; no command commits until a restart.", log.Directory);
            writer.Wait();
            return Fail(batch.Count, faulted);
        }
        Exception?[] errors;
        try
        {
            errors = writer.Wait();
        }
        catch (CommandLogException e)
        {
            // The table writer broke (its transaction could not be committed): what it had answered is in the log, which
            // a restart writes back; this batch is not answered, so it must not be written back then.
            faulted = e;
            logger.LogCritical(e, "The table writer of {File} failed; no command commits until a restart.", databaseFile);
            errors = Fail(batch.Count, e);
        }
        if (Array.TrueForAll(errors, e => e is null)) return errors;
        var voids = items.Where((_, i) => errors[i] is not null).Select(item => item.Seq).ToList();
        try
        {
            log.AppendVoids(voids);
        }
        catch (Exception e)
        {
            faulted = new CommandLogException($"the command log {log.Directory} could not be written ({e.Message}); restart the Host", e);
            return Fail(batch.Count, faulted);
        }
        return errors;
    }

    private static Exception?[] Fail(int count, Exception error) => Enumerable.Repeat<Exception?>(error, count).ToArray();

    /// <summary>
    /// Commits what the table writer has written of the answered commands, so that a connection about to read or write
    /// the database sees them; returns at once when there is nothing to commit.
    /// </summary>
    public void Publish() => writer.Publish();

    /// <summary>The log open in this process for the database file a connection string names, if any.</summary>
    public static LoggedCommits? For(string connectionString)
        => OpenLogs.IsEmpty || FileOf.GetOrAdd(connectionString, DatabaseFile) is not { } file ? null : OpenLogs.GetValueOrDefault(file);

    /// <summary>
    /// Checkpoints the WAL (without holding the writer up), starts it over (holding the writer up briefly), then
    /// flushes it, which makes every command the table writer had written by then durable in the database, and frees
    /// the log segments they were in.
    /// </summary>
    public void Maintain()
    {
        lock (maintenanceGate)
        {
            try
            {
                writer.Publish();
            }
            catch (CommandLogException)
            {
                return;   // the writer broke: the log keeps everything for the restart
            }
            var applied = writer.AppliedSeq;
            CatchUp();
            if (!File.Exists(walFile)) return;   // no WAL: everything was checkpointed into the file, which SQLite flushed
            using (var wal = File.OpenHandle(walFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                DiskSync.Data(wal);
            }
            log.Truncate(applied);
        }
    }

    /// <summary>
    /// Copies the WAL into the database until it has caught up, so that SQLite starts the WAL over from its beginning
    /// when the table writer next begins (it does when a checkpoint has copied every frame). Each passive checkpoint
    /// copies what was there when it began, without holding the writer up; under load more has been written by the
    /// time it ends, so it goes again, with less to copy each time. Only if that does not converge is the writer held
    /// up (a restart, tried with a 10 ms lock timeout and otherwise left for the next round): without restarts, a WAL
    /// written without pause would grow without end, and the writer's own backstop checkpoint would hold every commit
    /// up for tens of milliseconds.
    /// </summary>
    private void CatchUp()
    {
        for (var round = 0; round < CatchUpRounds; round++)
        {
            var (frames, copied) = Checkpoint("PASSIVE");
            if (frames == copied && frames < CaughtUpFrames) return;
        }
        Execute(maintenance, "PRAGMA busy_timeout=10");
        try
        {
            Checkpoint("RESTART");
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 5)   // SQLITE_BUSY
        {
            // The writer or a reader held on for longer: next round.
        }
        finally
        {
            Execute(maintenance, "PRAGMA busy_timeout=30000");
        }
    }

    private const int CatchUpRounds = 2;

    /// <summary>A WAL this short has caught up: a batch or two of the writer's, which the next round copies.</summary>
    private const int CaughtUpFrames = 256;

    /// <summary>Frames in the WAL and frames copied into the database by a checkpoint of the given mode.</summary>
    private (long Frames, long Copied) Checkpoint(string mode)
    {
        using var command = maintenance.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode})";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
    }

    private async Task MaintainAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    Maintain();
                }
                catch (Exception e) when (e is SqliteException or IOException)
                {
                    // Not fatal: the segments stay until a later round frees them.
                    logger.LogWarning(e, "The command log's maintenance failed; it tries again.");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public async ValueTask DisposeAsync()
    {
        OpenLogs.TryRemove(new KeyValuePair<string, LoggedCommits>(databaseFile, this));
        stop.Cancel();
        await maintaining.ConfigureAwait(false);
        try
        {
            if (faulted is null) Maintain();
        }
        finally
        {
            writer.Dispose();
            log.Dispose();
            maintenance.Dispose();
            stop.Dispose();
        }
    }

    private static CommandLogFile OpenLog(string databaseFile, Guid logId, EngineOptions options, ILogger logger)
    {
        var directory = DirectoryFor(databaseFile);
        // Held by a log of this process that is not closing (a second app on the file, as tests make): no use waiting.
        var lockWait = OpenLogs.ContainsKey(databaseFile) ? TimeSpan.Zero : options.CommandLogLockWait;
        var commandLog = CommandLogFile.Open(directory, SqlShapes.Shared, options.CommandLogSegmentBytes, lockWait: lockWait);
        if (commandLog.Headers.All(h => h.LogId == logId)) return commandLog;
        // A log of another database (this file was restored from a backup, or replaced): it cannot be applied here.
        // It is kept aside, never deleted, and this database gets a log of its own.
        commandLog.Dispose();
        var aside = $"{directory}.other-{DateTime.UtcNow:yyyyMMddHHmmss}";
        Directory.Move(directory, aside);
        logger.LogWarning("The command log {Directory} belongs to another database; moved it to {Aside} and started a new one.", directory, aside);
        return CommandLogFile.Open(directory, SqlShapes.Shared, options.CommandLogSegmentBytes, lockWait: lockWait);
    }

    private static string? DatabaseFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource.Length == 0 || builder.DataSource.StartsWith(':')
            || builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return null;
        return Path.GetFullPath(builder.DataSource);
    }

    /// <summary>A connection of the log's own, outside the pool: its pragmas must never reach a connection the app uses.</summary>
    private static SqliteConnection OpenConnection(string connectionString, string synchronous)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=30000");
        Execute(connection, "PRAGMA foreign_keys=ON");
        Execute(connection, $"PRAGMA synchronous={synchronous}");
        return connection;
    }

    /// <summary>
    /// Gives a copy of the database (a backup) a log id of its own, so that the engine sets aside any log it finds
    /// beside the copy after a restore (the original's) and starts a new one; a database without the log's state
    /// table is left as it is.
    /// </summary>
    public static void Disown(SqliteConnection copy)
    {
        if (StateTableExists(copy)) Execute(copy, $"UPDATE \"{TableWriter.StateTable}\" SET \"LogId\" = '{Guid.NewGuid()}'");
    }

    private static bool IsWal(SqliteConnection connection)
        => string.Equals(Scalar(connection, "PRAGMA journal_mode") as string, "wal", StringComparison.OrdinalIgnoreCase);

    private static bool StateTableExists(SqliteConnection connection)
        => Scalar(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{TableWriter.StateTable}'") is long and > 0;

    /// <summary>The database's log id and applied sequence number; a database without them gets a new log id.</summary>
    private static (Guid LogId, long Applied) ReadOrCreateState(SqliteConnection connection)
    {
        using (var read = connection.CreateCommand())
        {
            read.CommandText = $"SELECT \"LogId\", \"AppliedSeq\" FROM \"{TableWriter.StateTable}\" WHERE \"Id\" = 1";
            using var reader = read.ExecuteReader();
            if (reader.Read()) return (Guid.Parse(reader.GetString(0)), reader.GetInt64(1));
        }
        var id = Guid.NewGuid();
        Execute(connection, $"INSERT INTO \"{TableWriter.StateTable}\" (\"Id\", \"LogId\", \"AppliedSeq\") VALUES (1, '{id}', 0)");
        return (id, 0);
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}


