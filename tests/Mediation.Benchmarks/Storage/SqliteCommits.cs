using System.Diagnostics;
using System.Globalization;
using Mediation.Benchmarks.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Mediation.Benchmarks.Storage;

/// <summary>
/// sqlite-commits: the ceiling under the engine. Small transactions on a SQLite file with the product's pragmas
/// (WAL, synchronous=FULL), through Microsoft.Data.Sqlite with no EF and no engine: how many durable commits per
/// second this disk gives one writer (or <c>--clients</c> writers fighting for SQLite's single write lock).
/// </summary>
internal static class SqliteCommits
{
    public const string Name = "sqlite-commits";
    private static readonly string Payload = new('x', 400);   // about one journal entry's JSON

    public static Task<BenchmarkResult> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        if (!options.Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"sqlite-commits measures raw SQLite commits only; it takes no --provider {options.Provider}.");
        var file = Path.GetFullPath(options.File ?? Path.Combine(Path.GetTempPath(), $"mediation-commits-{Guid.NewGuid():N}.db"));
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 30 }.ToString();
        try
        {
            using (var setup = Open(connectionString, options.SqliteSynchronous, options.Pragmas))
            {
                Execute(setup, "CREATE TABLE IF NOT EXISTS Commits (Id INTEGER PRIMARY KEY, Writer INTEGER, At INTEGER, Data TEXT)");
            }
            Run(connectionString, options, Math.Min(500, options.Commits), ct);   // warm-up: JIT, file growth
            var clock = Stopwatch.StartNew();
            var latencies = Run(connectionString, options, options.Commits, ct);
            clock.Stop();
            var perSecond = options.Commits / clock.Elapsed.TotalSeconds;
            var details = string.Create(CultureInfo.InvariantCulture,
                $"sqlite file, WAL, synchronous={options.SqliteSynchronous}{string.Concat(options.Pragmas.Select(p => ", " + p))}, no EF, {options.Batch} row{(options.Batch == 1 ? "" : "s")} per commit, " +
                $"{options.Commits} commits, {options.Clients} writer{(options.Clients == 1 ? "" : "s")}, " +
                $"{perSecond * options.Batch:0} rows/s, p50 {latencies.PercentileMs(50):0.000} ms, p99 {latencies.PercentileMs(99):0.000} ms, " +
                $"max {latencies.MaxMs:0.0} ms");
            Console.Error.WriteLine($"commit p99.9 {latencies.PercentileMs(99.9):0.000} ms, max {latencies.MaxMs:0.0} ms");
            return Task.FromResult(new BenchmarkResult(Name, perSecond, "commits/s", details));
        }
        finally
        {
            if (options.File is null && !options.KeepFile)
            {
                foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                {
                    if (File.Exists(path)) File.Delete(path);
                }
            }
        }
    }

    /// <summary>Each writer on its own thread and connection, as separate Host requests would be.</summary>
    private static Latencies Run(string connectionString, BenchmarkOptions options, int commits, CancellationToken ct)
    {
        var writers = Enumerable.Range(0, options.Clients).Select(w =>
        {
            var count = commits / options.Clients + (w < commits % options.Clients ? 1 : 0);
            var latencies = new Latencies(count);
            var thread = new Thread(() => Write(connectionString, options, w, count, latencies, ct)) { IsBackground = true };
            thread.Start();
            return (thread, latencies);
        }).ToList();
        foreach (var (thread, _) in writers) thread.Join();
        return Latencies.Merge(writers.Select(w => w.latencies));
    }

    private static void Write(string connectionString, BenchmarkOptions options, int writer, int count, Latencies latencies,
        CancellationToken ct)
    {
        using var connection = Open(connectionString, options.SqliteSynchronous, options.Pragmas);
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO Commits (Writer, At, Data) VALUES ($writer, $at, $data)";
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        insert.Parameters.AddWithValue("$writer", writer);
        insert.Parameters.AddWithValue("$data", Payload);
        for (var i = 0; i < count && !ct.IsCancellationRequested; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using (var transaction = connection.BeginTransaction())   // BEGIN IMMEDIATE, as EF's SaveChanges
            {
                insert.Transaction = transaction;
                for (var row = 0; row < options.Batch; row++)
                {
                    at.Value = started + row;
                    insert.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            latencies.Record(started);
        }
    }

    private static SqliteConnection Open(string connectionString, string synchronous, IReadOnlyList<string> pragmas)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=30000;"
            + string.Concat(pragmas.Select(p => $" PRAGMA {p};")));
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
