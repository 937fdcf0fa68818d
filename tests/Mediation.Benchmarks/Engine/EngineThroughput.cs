using System.Diagnostics;
using System.Runtime;
using Mediation.Benchmarks.Infrastructure;
using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Benchmarks.Engine;

/// <summary>
/// engine-throughput: N instances end to end through the engine's public API on a SQLite file with the product's
/// pragmas, or on PostgreSQL with the server's settings. A step is one durable command (start or complete); the task look-ups a client needs between steps are
/// timed apart and count in instances/s.
/// </summary>
internal static class EngineThroughput
{
    public const string Name = "engine-throughput";

    public static async Task<BenchmarkResult> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var instances = options.Instances ?? 20_000;
        var warmup = options.Warmup ?? 5_000;   // until tiered PGO has recompiled the hot path (README)
        var timing = options.Breakdown ? new SqlTiming() : null;
        await using var database = await BenchmarkDatabase.OpenAsync(options, ct, timing is null ? [] : [timing]);
        var process = BenchmarkProcess.For(options.Shape);
        await process.DeployAsync(database.Engine, ct);

        var run = Guid.NewGuid().ToString("N")[..8];
        if (warmup > 0)
        {
            Console.Error.WriteLine($"warm-up: {warmup} instances, {options.Clients} client(s)");
            await RunAsync(database, process, $"warm-{run}", warmup, options.Clients, options.QueryTasks, ct);
            if (options.Warmup is null) await SettleJitAsync(database, process, $"settle-{run}", options, ct);
        }
        timing?.Reset();
        GC.Collect();
        Console.Error.WriteLine($"measuring: {instances} instances, {options.Clients} client(s), {process.Describe}, {database.Location}");

        var cpuBefore = CpuUse.Now(database.ServerCpuTime);
        var gcBefore = GcCounters.Now();
        var clock = Stopwatch.StartNew();
        var loops = await RunAsync(database, process, $"bench-{run}", instances, options.Clients, options.QueryTasks, ct);
        clock.Stop();
        var cpu = CpuUse.Now(database.ServerCpuTime) - cpuBefore;
        var cpuMsPerInstance = cpu.Process.TotalMilliseconds / instances;
        var gc = GcCounters.Now() - gcBefore;
        await VerifyAsync(database.Databases, $"bench-{run}", instances, ct);

        var steps = Latencies.Merge(loops.SelectMany(l => new[] { l.Starts, l.Completions }));
        var queries = Latencies.Merge(loops.Select(l => l.TaskQueries));
        var queriesPerInstance = options.QueryTasks ? BenchmarkProcess.QueriesPerInstance : 0;
        var seconds = clock.Elapsed.TotalSeconds;
        var perSecond = instances / seconds;

        ReportCalls(loops, seconds, instances, queriesPerInstance, cpuMsPerInstance, gc);
        cpu.Report(instances);
        if (timing is not null) ReportBreakdown(timing, instances, seconds, options.Clients);

        var details =
            $"{database.Description}, {process.Describe}, {BenchmarkProcess.CommandsPerInstance} steps" +
            (options.QueryTasks ? $" + {queriesPerInstance} task queries" : "") + $" per instance, {instances} instances, {options.Clients} client" +
            $"{(options.Clients == 1 ? "" : "s")}, {perSecond * BenchmarkProcess.CommandsPerInstance:0} steps/s, " +
            $"p50 step {steps.PercentileMs(50):0.00} ms, p99 step {steps.PercentileMs(99):0.00} ms, " +
            (options.QueryTasks ? $"p99 task query {queries.PercentileMs(99):0.00} ms, " : "") + $"CPU {cpuMsPerInstance:0.00} ms per instance, {(GCSettings.IsServerGC ? "server" : "workstation")} GC";
        return new BenchmarkResult(Name, perSecond, "instances/s", details);
    }

    /// <summary>Methods the JIT may still compile in a settled round: the odd method first called by a rare path.</summary>
    private const int SettledCompilations = 10;

    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Goes on warming up, a round of about a second at a time, until a round in which the JIT compiled almost nothing.
    /// Tiered compilation recompiles the hot methods in the background for seconds after they were first called (it
    /// counts calls only once no new method has been compiled for a while, then compiles an instrumented tier, then the
    /// optimised one): with 16 clients the 5,000 instances of the warm-up take two seconds, and for some ten seconds
    /// after that the JIT still took an eighth of the CPU, which a Host that runs for days never pays.
    /// </summary>
    private static async Task SettleJitAsync(BenchmarkDatabase database, BenchmarkProcess process, string prefix, BenchmarkOptions options,
        CancellationToken ct)
    {
        var round = Math.Max(1_000, 250 * options.Clients);
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < SettleLimit; i++)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            await RunAsync(database, process, $"{prefix}-{i}", round, options.Clients, options.QueryTasks, ct);
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
            if (compiled < SettledCompilations)
            {
                Console.Error.WriteLine($"JIT settled: {(i + 1) * round} more instances in {clock.Elapsed.TotalSeconds:0.0} s, {compiled} methods compiled in the last round");
                return;
            }
        }
        Console.Error.WriteLine($"JIT still compiling after {SettleLimit.TotalSeconds:0} s of warm-up; measuring anyway");
    }

    private static Task<IReadOnlyList<ClientLoop>> RunAsync(BenchmarkDatabase database, BenchmarkProcess process, string prefix,
        int instances, int clients, bool queryTasks, CancellationToken ct)
        => ClientLoop.RunClientsAsync(clients, instances,
            () => new ClientLoop(database.Engine, process, prefix, queryTasks),
            (loop, first, count) => loop.RunAsync(first, count, ct));

    /// <summary>Every measured instance must have ended: a benchmark that skipped work would be no figure at all.</summary>
    private static async Task VerifyAsync(IWorkflowDbFactory databases, string prefix, int instances, CancellationToken ct)
    {
        await using var db = databases.Create();
        var completed = await db.ProcessInstances.CountAsync(
            i => i.BusinessKey!.StartsWith(prefix) && i.Status == InstanceStatus.Completed, ct);
        if (completed != instances)
            throw new BenchmarkFailedException($"{completed} of {instances} measured instances have completed.");
    }

    private static void ReportCalls(IReadOnlyList<ClientLoop> loops, double seconds, int instances, int queriesPerInstance,
        double cpuMsPerInstance, GcCounters gc)
    {
        var perSecond = instances / seconds;
        Report(Latencies.Merge(loops.Select(l => l.Starts)), "start");
        Report(Latencies.Merge(loops.Select(l => l.Completions)), "complete task");
        if (queriesPerInstance > 0) Report(Latencies.Merge(loops.Select(l => l.TaskQueries)), "task query");
        Report(Latencies.Merge(loops.SelectMany(l => new[] { l.Starts, l.Completions })), "step (start or complete)");
        Console.Error.WriteLine($"wall {seconds:0.00} s; {perSecond * BenchmarkProcess.CommandsPerInstance:0} commands/s, " +
            $"{perSecond * (BenchmarkProcess.CommandsPerInstance + queriesPerInstance):0} engine calls/s; " +
            $"process CPU {cpuMsPerInstance:0.00} ms per instance ({Environment.ProcessorCount} cores: at most " +
            $"{Environment.ProcessorCount * 1000 / cpuMsPerInstance:0} instances/s if nothing else limited); {Machine.LoadAverage()}");
        Console.Error.WriteLine($"GC: {gc.AllocatedBytes / 1024.0 / instances:0} KiB allocated per instance; {gc.Gen0} gen0, {gc.Gen1} gen1, " +
            $"{gc.Gen2} gen2 collections; paused {gc.Paused.TotalMilliseconds:0} ms ({100 * gc.Paused.TotalSeconds / seconds:0.0}% of the wall time)");
    }

    private static void Report(Latencies latencies, string what)
        => Console.Error.WriteLine(
            $"{what,-26} n={latencies.Count,7}  mean {latencies.MeanMs,6:0.00}  p50 {latencies.PercentileMs(50),6:0.00}  " +
            $"p90 {latencies.PercentileMs(90),6:0.00}  p99 {latencies.PercentileMs(99),6:0.00}  p99.9 {latencies.PercentileMs(99.9),7:0.00}  " +
            $"max {latencies.MaxMs,7:0.00} ms");

    private static void ReportBreakdown(SqlTiming timing, int instances, double seconds, int clients)
    {
        var busyMs = seconds * 1000 * clients;   // client time: with one client, the wall time
        Console.Error.WriteLine($"breakdown per instance ({clients} client(s); {busyMs / instances:0.000} ms of client time each):");
        double sqlMs = 0;
        foreach (var (kind, count, totalMs) in timing.Totals())
        {
            sqlMs += totalMs;
            Console.Error.WriteLine(
                $"  {kind,-7} {(double)count / instances,5:0.00} per instance  {totalMs / instances,7:0.000} ms  " +
                $"({totalMs / Math.Max(1, count):0.000} ms each, {100 * totalMs / busyMs,4:0.0}%)");
        }
        Console.Error.WriteLine(
            $"  engine, EF and the rest outside the database: {(busyMs - sqlMs) / instances:0.000} ms ({100 * (busyMs - sqlMs) / busyMs:0.0}%)");
    }
}
