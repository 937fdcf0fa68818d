using System.Diagnostics;
using Mediation.Benchmarks.Infrastructure;
using Mediation.Workflows.Execution;

namespace Mediation.Benchmarks.Engine;

/// <summary>
/// What one client does, as a Host API client would: start an instance, complete the task the start created, then
/// the task that completion created. Start and completion answer with the tasks they created; with
/// <c>--query-tasks</c> the client looks each task up in the task list instead, as an inbox does. Every call goes
/// through <see cref="IWorkflowEngine"/> and is timed.
/// </summary>
internal sealed class ClientLoop(IWorkflowEngine engine, BenchmarkProcess process, string businessKeyPrefix, bool queryTasks)
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
            var assess = await OnlyTaskAsync(instance.Id, instance.NewTasks, BenchmarkProcess.FirstTask, ct);
            var assessed = await CompleteAsync(instance.Id, assess, BenchmarkProcess.AssessVariables, ct);
            var review = await OnlyTaskAsync(instance.Id, assessed, process.SecondTask(amount), ct);
            var reviewed = await CompleteAsync(instance.Id, review, BenchmarkProcess.ReviewVariables, ct);
            if (reviewed.Count != 0)
                throw new BenchmarkFailedException($"instance {instance.Id} should have ended, but created [{Names(reviewed)}].");
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

    /// <summary>The one task the instance waits at, from the command's answer or, with <c>--query-tasks</c>, the task list.</summary>
    private async Task<TaskRef> OnlyTaskAsync(Guid instanceId, IReadOnlyList<TaskRef> created, string elementId, CancellationToken ct)
    {
        var tasks = created;
        if (queryTasks)
        {
            var started = Stopwatch.GetTimestamp();
            var open = await engine.ListTasksAsync(new TaskQuery { SeeAll = true, InstanceId = instanceId }, ct);
            TaskQueries.Record(started);
            tasks = open.Select(t => new TaskRef(t.Id, t.InstanceId, t.ElementId, t.Name)).ToList();
        }
        if (tasks.Count != 1 || tasks[0].ElementId != elementId)
            throw new BenchmarkFailedException($"instance {instanceId} should wait at {elementId} only, but its tasks are [{Names(tasks)}].");
        return tasks[0];
    }

    private async Task<IReadOnlyList<TaskRef>> CompleteAsync(Guid instanceId, TaskRef task,
        IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> variables, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var completion = await engine.CompleteTaskAsync(new CompleteTaskRequest(task.Id, BenchmarkProcess.Actor, variables), ct);
        Completions.Record(started);
        if (completion.Outcome != TaskOutcome.Completed)
            throw new BenchmarkFailedException($"completing {task.ElementId} of instance {instanceId} answered {completion.Outcome}.");
        return completion.NewTasks;
    }

    private static string Names(IEnumerable<TaskRef> tasks) => string.Join(", ", tasks.Select(t => t.ElementId));

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
