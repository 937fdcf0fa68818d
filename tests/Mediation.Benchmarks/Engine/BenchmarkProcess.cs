using System.Text.Json.Nodes;
using Mediation.Benchmarks.Infrastructure;
using Mediation.Workflows.Execution;

namespace Mediation.Benchmarks.Engine;

internal enum ProcessShape { Gateway, NoGateway, Conditions }

/// <summary>The benchmark's process in one of its shapes, and what one instance of it is started and completed with.</summary>
internal sealed record BenchmarkProcess(ProcessShape Shape, string Key, string Resource)
{
    public const string FirstTask = "Task_Assess";
    public const string Actor = "bench";

    /// <summary>Commands (start and two completions) and task queries (one per completion) a client sends per instance.</summary>
    public const int CommandsPerInstance = 3;
    /// <summary>Task look-ups per instance with <c>--query-tasks</c> (none otherwise: the commands name the tasks they create).</summary>
    public const int QueriesPerInstance = 2;

    public static BenchmarkProcess For(ProcessShape shape) => shape switch
    {
        ProcessShape.Gateway => new(shape, "BenchmarkGateway", "benchmark-gateway.bpmn"),
        ProcessShape.NoGateway => new(shape, "BenchmarkNoGateway", "benchmark-no-gateway.bpmn"),
        ProcessShape.Conditions => new(shape, "BenchmarkConditions", "benchmark-conditions.bpmn"),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    public string Describe => Shape switch
    {
        ProcessShape.Gateway => "start, task, exclusive gateway, task, end",
        ProcessShape.NoGateway => "start, task, task, end (no gateway)",
        _ => "start, task, 2 conditional flows, task, end (no gateway)",
    };

    /// <summary>Half the instances go each way, so both branches (and the default flow) are measured.</summary>
    public static int Amount(int instance) => instance % 2 == 0 ? 50 : 150;

    public string SecondTask(int amount) => Shape == ProcessShape.NoGateway || amount <= 100 ? "Task_VillageReview" : "Task_TownReview";

    public static IReadOnlyDictionary<string, JsonNode?> StartVariables(int amount) => new Dictionary<string, JsonNode?>
    {
        ["amount"] = amount,
        ["category"] = "neighbour",
    };

    public static readonly IReadOnlyDictionary<string, JsonNode?> AssessVariables = new Dictionary<string, JsonNode?> { ["assessed"] = true };

    public static readonly IReadOnlyDictionary<string, JsonNode?> ReviewVariables = new Dictionary<string, JsonNode?> { ["outcome"] = "agreement" };

    /// <summary>Deploys the shape's BPMN through the engine; a refusal (e.g. not-executable-yet) ends the benchmark with the findings.</summary>
    public async Task DeployAsync(IWorkflowEngine engine, CancellationToken ct)
    {
        await using var stream = typeof(BenchmarkProcess).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Embedded resource {Resource} is missing.");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        var result = await engine.DeployAsync(buffer.ToArray(), Resource, ct);
        if (result.Succeeded) return;
        var findings = string.Join("; ", result.Findings.Select(f => f.Format(Resource)));
        var hint = Shape == ProcessShape.Gateway && result.Findings.Any(f => f.Code == "not-executable-yet")
            ? " Until the engine runs the exclusive gateway, measure with --shape no-gateway (or --shape conditions)."
            : "";
        throw new BenchmarkFailedException($"the engine refused {Resource}: {findings}.{hint}");
    }
}
