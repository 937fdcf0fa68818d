using System.Diagnostics;
using System.Runtime;
using Mediation.Benchmarks.Infrastructure;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Benchmarks.Engine;

/// <summary>
/// engine-memory: with N instances waiting in the database, the process must stay small, because a command loads the
/// one instance it works on and nothing holds instances between commands. Fills the database through the engine
/// (or reuses the waiting instances of a kept <c>--file</c>), works on it a little, forces a full GC and reports
/// the working set.
/// </summary>
internal static class EngineMemory
{
    public const string Name = "engine-memory";
    private const int Touched = 200;

    public static async Task<BenchmarkResult> RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var instances = options.Instances ?? 100_000;
        await using var database = await BenchmarkDatabase.OpenAsync(options, ct);
        var process = BenchmarkProcess.For(options.Shape);
        await process.DeployAsync(database.Engine, ct);
        var baselineMb = SettledWorkingSetMb();
        Console.Error.WriteLine(($"baseline after migrate and deploy: {baselineMb:0.0} MB working set"));

        var waiting = await CountWaitingAsync(database.Databases, process, ct);
        var fill = await FillAsync(database, process, instances - waiting, options.Clients, ct);
        waiting = await CountWaitingAsync(database.Databases, process, ct);
        if (waiting < instances) throw new BenchmarkFailedException($"only {waiting} of {instances} instances wait.");

        var inboxMs = await WorkAsync(database.Engine, ct);

        var workingSetMb = SettledWorkingSetMb();
        var heapMb = GC.GetTotalMemory(forceFullCollection: false) / 1048576.0;
        var committedMb = GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0;
        using var self = Process.GetCurrentProcess();
        var peakMb = self.PeakWorkingSet64 / 1048576.0;
        Console.Error.WriteLine((
            $"after a full GC: working set {workingSetMb:0.0} MB, GC heap {heapMb:0.0} MB (committed {committedMb:0.0} MB), " +
            $"private {self.PrivateMemorySize64 / 1048576.0:0.0} MB; peak working set {peakMb:0.0} MB"));

        var details = (
            $"{waiting} waiting instances, working set after full GC, GC heap {heapMb:0.0} MB, peak {peakMb:0.0} MB, " +
            $"baseline {baselineMb:0.0} MB, {fill}, inbox query of {Touched} in {inboxMs:0.0} ms, " +
            $"{database.Description}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");
        return new BenchmarkResult(Name, workingSetMb, "MB", details);
    }

    private static async Task<int> CountWaitingAsync(IWorkflowDbFactory databases, BenchmarkProcess process, CancellationToken ct)
    {
        await using var db = databases.Create();
        return await db.ProcessInstances.CountAsync(i => i.DefinitionKey == process.Key && i.Status == InstanceStatus.Running, ct);
    }

    /// <summary>Starts the missing instances through the engine, one command each, and says how long that took.</summary>
    private static async Task<string> FillAsync(BenchmarkDatabase database, BenchmarkProcess process, int missing, int clients,
        CancellationToken ct)
    {
        if (missing <= 0) return "filled earlier (reused --file)";
        Console.Error.WriteLine($"filling: {missing} instances left waiting at {BenchmarkProcess.FirstTask}, {clients} client(s)");
        var prefix = $"mem-{Guid.NewGuid().ToString("N")[..8]}";
        var clock = Stopwatch.StartNew();
        var loops = new List<ClientLoop>();
        using var progress = new Timer(_ =>
        {
            int done;
            lock (loops) done = loops.Sum(l => l.Starts.Count);
            using var self = Process.GetCurrentProcess();
            Console.Error.WriteLine(($"  {done} started, {clock.Elapsed.TotalSeconds:0} s, {self.WorkingSet64 / 1048576.0:0} MB"));
        }, null, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15));
        await ClientLoop.RunClientsAsync(clients, missing,
            () =>
            {
                var loop = new ClientLoop(database.Engine, process, prefix, queryTasks: false);
                lock (loops) loops.Add(loop);
                return loop;
            },
            (loop, first, count) => loop.StartOnlyAsync(first, count, ct));
        clock.Stop();
        var starts = Latencies.Merge(loops.Select(l => l.Starts));
        return ($"filled in {clock.Elapsed.TotalSeconds:0} s at {missing / clock.Elapsed.TotalSeconds:0} starts/s " +
            $"with {clients} client{(clients == 1 ? "" : "s")}, p99 start {starts.PercentileMs(99):0.00} ms");
    }

    /// <summary>
    /// What a working day does with a full database: an administrator's inbox (the oldest open tasks), then completing
    /// those tasks, which loads each instance on its own. Returns the inbox query's time.
    /// </summary>
    private static async Task<double> WorkAsync(IWorkflowEngine engine, CancellationToken ct)
    {
        var query = new TaskQuery { SeeAll = true, Limit = Touched };
        await engine.ListTasksAsync(query, ct);   // the first call compiles the query; time the second
        var clock = Stopwatch.StartNew();
        var inbox = await engine.ListTasksAsync(query, ct);
        var inboxMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var completed = 0;
        foreach (var task in inbox.Where(t => t.ElementId == BenchmarkProcess.FirstTask))
        {
            var outcome = await engine.CompleteTaskAsync(
                new CompleteTaskRequest(task.Id, BenchmarkProcess.Actor, BenchmarkProcess.AssessVariables), ct);
            if (outcome.Outcome == TaskOutcome.Completed) completed++;
        }
        var mediator = await engine.ListTasksAsync(new TaskQuery { User = "li", Groups = ["mediators"], Limit = 50 }, ct);
        Console.Error.WriteLine((
            $"inbox (see all, {inbox.Count} tasks) {inboxMs:0.0} ms; completed {completed} of them in {clock.Elapsed.TotalMilliseconds:0} ms " +
            $"(with a mediator's inbox of {mediator.Count})"));
        return inboxMs;
    }

    private static double SettledWorkingSetMb()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64 / 1048576.0;
    }
}
