using System.Diagnostics;
using Mediation.Benchmarks.Infrastructure;
using Mediation.Workflows.Execution;

namespace Mediation.Benchmarks.Engine;

/// <summary>
/// What one client does, as a Host API client would: start an instance, look up its open task, complete it, look up
/// the next one, complete it. Every call goes through <see cref="IWorkflowEngine"/> and is timed.
/// </summary>
internal sealed class ClientLoop(IWorkflowEngine engine, BenchmarkProcess process, string businessKeyPrefix)
{
    public Latencies Starts { get; private set; } = new(1);
    public Latencies Completions { get; private set; } = new(1);
    public Latencies TaskQueries { get; private set; } = new(1);

    /// <summary>Runs instances <paramref name="first"/> .. first+count-1 one after another.</summary>
    public async Task RunAsync(int first, int count, CancellationToken ct)
    {
        Starts = new Latencies(count);
        Completions = new Latencies(count * 2);
        TaskQueries = new Latencies(count * 2);
        for (var i = first; i < first + count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var amount = BenchmarkProcess.Amount(i);
            var started = Stopwatch.GetTimestamp();
            var instance = await engine.StartAsync(new StartRequest(process.Key, $"{businessKeyPrefix}-{i:D7}",
                BenchmarkProcess.StartVariables(amount), BenchmarkProcess.Actor), ct);
            Starts.Record(started);
            await CompleteOnlyTaskAsync(instance.Id, BenchmarkProcess.FirstTask, BenchmarkProcess.AssessVariables, ct);
            await CompleteOnlyTaskAsync(instance.Id, process.SecondTask(amount), BenchmarkProcess.ReviewVariables, ct);
        }
    }

    /// <summary>Starts instances and leaves each waiting at its first task (engine-memory's fill).</summary>
    public async Task StartOnlyAsync(int first, int count, CancellationToken ct)
    {
        Starts = new Latencies(count);
        for (var i = first; i < first + count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            await engine.StartAsync(new StartRequest(process.Key, $"{businessKeyPrefix}-{i:D7}",
                BenchmarkProcess.StartVariables(BenchmarkProcess.Amount(i)), BenchmarkProcess.Actor), ct);
            Starts.Record(started);
        }
    }

    private async Task CompleteOnlyTaskAsync(Guid instanceId, string elementId,
        IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> variables, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var tasks = await engine.ListTasksAsync(new TaskQuery { SeeAll = true, InstanceId = instanceId }, ct);
        TaskQueries.Record(started);
        if (tasks.Count != 1 || tasks[0].ElementId != elementId)
        {
            throw new BenchmarkFailedException($"instance {instanceId} should wait at {elementId} only, but its open tasks are " +
                $"[{string.Join(", ", tasks.Select(t => t.ElementId))}].");
        }

        started = Stopwatch.GetTimestamp();
        var outcome = await engine.CompleteTaskAsync(new CompleteTaskRequest(tasks[0].Id, BenchmarkProcess.Actor, variables), ct);
        Completions.Record(started);
        if (outcome != TaskOutcome.Completed)
            throw new BenchmarkFailedException($"completing {elementId} of instance {instanceId} answered {outcome}.");
    }

    /// <summary>Runs <paramref name="clients"/> loops in parallel over <paramref name="instances"/> instances split evenly.</summary>
    public static async Task<IReadOnlyList<ClientLoop>> RunClientsAsync(int clients, int instances, Func<ClientLoop> create,
        Func<ClientLoop, int, int, Task> run)
    {
        var loops = Enumerable.Range(0, clients).Select(_ => create()).ToList();
        var next = 0;
        var work = new List<Task>();
        for (var c = 0; c < clients; c++)
        {
            var count = instances / clients + (c < instances % clients ? 1 : 0);
            var (loop, first) = (loops[c], next);
            // Thread-pool tasks, as the Host's requests are: the engine's awaits run there too.
            work.Add(Task.Run(() => run(loop, first, count)));
            next += count;
        }
        await Task.WhenAll(work);
        return loops;
    }
}
