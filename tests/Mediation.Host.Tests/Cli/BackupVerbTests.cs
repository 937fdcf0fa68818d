using Mediation.Host.Cli;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Mediation.Host.Tests.Cli;

public sealed class BackupVerbTests : IDisposable
{
    private const int SeededRows = 20_000;
    private readonly string directory = Path.Combine(Path.GetTempPath(), "mediation-backup-tests", Guid.NewGuid().ToString("n"));

    [Fact]
    public async Task Backup_CopiesEveryCommittedRow_WhileAnotherConnectionKeepsWriting()
    {
        var database = await CreateDatabaseAsync();
        var target = Path.Combine(directory, "backups", "copy.db");
        using var stop = new CancellationTokenSource();
        var writer = new Writer(database);
        var writing = Task.Run(() => writer.RunAsync(stop.Token));   // Microsoft.Data.Sqlite's async calls run synchronously
        await writer.WaitForMoreThanAsync(50);
        var committedBeforeBackup = writer.Committed;
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = BackupVerb.Run([target], SqliteConfiguration(database), output, error);

        // The live database is not left locked: the writer goes on committing after the copy.
        await writer.WaitForMoreThanAsync(writer.Committed + 50);
        await stop.CancelAsync();
        await writing;
        Assert.True(exit == 0, error.ToString());
        Assert.Matches($@"^backup: {System.Text.RegularExpressions.Regex.Escape(target)} \([\d,]+ bytes\) in \d+\.\d\d s, integrity_check ok\r?\n$", output.ToString());
        await using var copy = await OpenAsync(target);
        Assert.Equal("ok", await ScalarAsync<string>(copy, "PRAGMA integrity_check;"));
        var rows = await ScalarAsync<long>(copy, "SELECT count(*) FROM Entries;");
        Assert.InRange(rows, SeededRows + committedBeforeBackup, SeededRows + writer.Committed);
        // A snapshot, not a mix: the rows are exactly the first ones committed, with no gap.
        Assert.Equal(rows, await ScalarAsync<long>(copy, "SELECT max(Id) FROM Entries;"));
        Assert.Equal([target], Directory.GetFiles(Path.GetDirectoryName(target)!));
    }

    [Fact]
    public async Task Backup_RefusesAndKeepsTheFile_WhenTargetExists()
    {
        var database = await CreateDatabaseAsync();
        var target = Path.Combine(directory, "existing.db");
        await File.WriteAllTextAsync(target, "an older backup", TestContext.Current.CancellationToken);
        var error = new StringWriter();

        var exit = BackupVerb.Run([target], SqliteConfiguration(database), new StringWriter(), error);

        Assert.Equal(1, exit);
        Assert.Equal($"backup: '{target}' already exists; name a new file (a backup never overwrites one)", error.ToString().TrimEnd());
        Assert.Equal("an older backup", await File.ReadAllTextAsync(target, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("PostgreSql", "pg_dump")]
    [InlineData("SqlServer", "BACKUP DATABASE")]
    public void Backup_Refuses_WhenProviderIsNotSqlite(string provider, string advice)
    {
        var target = Path.Combine(directory, "copy.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mediation:Database:Provider"] = provider,
            ["ConnectionStrings:Mediation"] = "Host=localhost;Database=mediation",
        }).Build();
        var error = new StringWriter();

        var exit = BackupVerb.Run([target], configuration, new StringWriter(), error);

        Assert.Equal(1, exit);
        Assert.Contains(advice, error.ToString());
        Assert.Single(error.ToString().TrimEnd().Split('\n'));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void Backup_FailsWithoutCreatingIt_WhenThereIsNoDatabase()
    {
        var missing = Path.Combine(directory, "no-such.db");
        var error = new StringWriter();

        var exit = BackupVerb.Run([Path.Combine(directory, "copy.db")], SqliteConfiguration(missing), new StringWriter(), error);

        Assert.Equal(1, exit);
        Assert.Contains($"there is no database at '{missing}'", error.ToString());
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void Backup_Exits2_WithoutTarget()
        => Assert.Equal(2, BackupVerb.Run([], SqliteConfiguration(Path.Combine(directory, "any.db")), new StringWriter(), new StringWriter()));

    private async Task<string> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(directory);
        var database = Path.Combine(directory, "mediation.db");
        await using var connection = await OpenAsync(database);
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; CREATE TABLE Entries (Id INTEGER PRIMARY KEY, Payload TEXT NOT NULL);");
        // About 8 MB, so the copy takes long enough for the writer to run beside it.
        await ExecuteAsync(connection, $"""
            WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {SeededRows})
            INSERT INTO Entries (Payload) SELECT hex(randomblob(200)) FROM n;
            """);
        return database;
    }

    private static IConfiguration SqliteConfiguration(string database)
        => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Mediation"] = $"Data Source={database}",
        }).Build();

    private static async Task<SqliteConnection> OpenAsync(string file)
    {
        var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (DirectoryNotFoundException) { /* the test made no files */ }
    }

    /// <summary>Another connection (as the running app would be) committing one row per transaction until stopped.</summary>
    private sealed class Writer(string database)
    {
        private long committed;

        public long Committed => Interlocked.Read(ref committed);

        public async Task RunAsync(CancellationToken stop)
        {
            await using var connection = await OpenAsync(database);
            await ExecuteAsync(connection, "PRAGMA busy_timeout=30000;");
            while (!stop.IsCancellationRequested)
            {
                await ExecuteAsync(connection, "INSERT INTO Entries (Payload) VALUES (hex(randomblob(200)));");
                Interlocked.Increment(ref committed);
            }
        }

        public async Task WaitForMoreThanAsync(long count)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            while (Committed <= count)
            {
                Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30), $"the writer committed only {Committed} rows in 30 s");
                await Task.Delay(5);
            }
        }
    }
}
