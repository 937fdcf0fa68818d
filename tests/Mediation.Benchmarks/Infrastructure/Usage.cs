namespace Mediation.Benchmarks.Infrastructure;

internal static class Usage
{
    public const string Text = """
        usage: dotnet run -c Release --project tests/Mediation.Benchmarks -- <benchmark> [options]

        benchmarks:
          engine-throughput   instances of start -> user task -> exclusive gateway -> user task -> end, driven
                              through IWorkflowEngine; prints instances/s and the p50/p99 latency of a step
          engine-memory       fills the database with waiting instances, then prints the process's memory
          sqlite-commits      raw SQLite commits (no EF, no engine) on the same pragmas: the disk's commit rate
          disk-fsync          4 KiB append + fsync in a loop: what the disk itself allows
          timer-lateness      N timers (10000) due within one minute, fired by the Host's Hangfire in its own
                              process; prints p50, p99 and max lateness (fired minus due), fails if one is lost

        options:
          --instances N       instances to run (20000 for engine-throughput) or to keep waiting (100000 for engine-memory)
          --clients N         clients in parallel, each with its own loop of instances (default 1)
          --file PATH         the SQLite file (default: a temp file, deleted afterwards; a given file is kept
                              and engine-memory reuses the waiting instances already in it)
          --shape S           gateway (default) | no-gateway (start -> task -> task -> end) |
                              conditions (the gateway's two conditions on the first task's outgoing flows)
          --warmup N          instances run before the clock starts (default 5000 for engine-throughput)
          --synchronous S     SQLite: FULL (default, the product's setting) | NORMAL | EXTRA | OFF, for comparison only
          --breakdown         engine-throughput: time spent in connection opens, queries, BEGIN, writes, COMMIT
          --commits N         sqlite-commits / disk-fsync: transactions or fsyncs to time (default 5000)
          --batch N           sqlite-commits: rows per transaction (default 1)
          --keep-file         keep the temp database (SQLite file or PostgreSQL database) and print where it is
          --query-tasks       engine-throughput: look each task up in the task list (as an inbox does)
                              instead of taking it from the start or completion answer
          --poll-ms N         timer-lateness: Hangfire's polling interval for the Host (default its own, 1000)
          --pragma NAME=VALUE an extra SQLite pragma after the product's, on every connection (repeatable;
                              experiments only, e.g. wal_autocheckpoint=10000; named in the result line)
          --provider P        Sqlite (default) | PostgreSql (engine-throughput, engine-memory; needs --connection);
                              SqlServer is refused (no SQL Server on these machines)
          --connection S      PostgreSql: an Npgsql connection string. Without Database=, a database
                              mediation_bench_<random> is created and dropped afterwards; a named one is
                              created if missing and kept (a later run reuses it, as with --file)
        """;
}

/// <summary>The contract line: <c>name: value unit (details)</c>.</summary>
internal sealed record BenchmarkResult(string Name, double Value, string Unit, string Details)
{
    public override string ToString()
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name}: {Value:0.0} {Unit} ({Details})");
}

/// <summary>The benchmark could not produce a figure (the engine refused the process, a step went wrong...).</summary>
internal sealed class BenchmarkFailedException(string message) : Exception(message);
