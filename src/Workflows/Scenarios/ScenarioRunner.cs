using System.Text.Json.Nodes;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Persistence;
using Mediation.Workflows.Persistence.Sqlite;
using Mediation.Workflows.Timers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.Workflows.Scenarios;

public sealed record ScenarioResult(string Name, string Path, bool Passed, string? Divergence)
{
    public string Line => Passed ? $"PASS {Name}" : $"FAIL {Name}: {Divergence}";
}

/// <summary>
/// Runs scenario files against a fresh engine each: an in-memory SQLite database and a virtual clock.
/// Every BPMN file beside the definition is deployed first (call activities find their process by id),
/// the definition last, and the instance starts from that version.
/// </summary>
public static class ScenarioRunner
{
    /// <param name="handlers">Real handlers to use where a scenario names no stub (the Host's, for its shipped flows).</param>
    public static async Task<ScenarioResult> RunAsync(string path, IEnumerable<ServiceTaskRegistration>? handlers = null, CancellationToken ct = default)
    {
        ScenarioFile scenario;
        try
        {
            scenario = ScenarioFile.Load(path);
        }
        catch (ScenarioFormatException e)
        {
            return new ScenarioResult(System.IO.Path.GetFileNameWithoutExtension(path), path, false, e.Message);
        }
        try
        {
            await using var session = await ScenarioSession.CreateAsync(scenario, handlers ?? [], ct);
            var divergence = await session.RunAsync(ct);
            return new ScenarioResult(scenario.Name, path, divergence is null, divergence);
        }
        catch (ScenarioDivergence e)
        {
            return new ScenarioResult(scenario.Name, path, false, e.Message);
        }
    }

    /// <summary>The scenario files of a path: itself, or every .yaml/.yml below a folder except <c>malformed/</c>.</summary>
    public static IEnumerable<string> Expand(string path)
    {
        if (File.Exists(path)) return [path];
        if (!Directory.Exists(path)) return [];
        return Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Where(f => !f.Split(System.IO.Path.DirectorySeparatorChar).Contains("malformed"))
            .Order(StringComparer.Ordinal);
    }
}

/// <summary>A step or expectation did not hold; the message is the scenario's first divergence.</summary>
internal sealed class ScenarioDivergence(string message) : Exception(message);

/// <summary>A scenario's <c>services:</c> entry: set variables, throw a BPMN error, or fail technically.</summary>
internal sealed class StubHandler(JsonObject stub) : IServiceTaskHandler
{
    public Task<IReadOnlyDictionary<string, JsonNode?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        if (stub["error"] is { } code) throw new BpmnErrorException(code.ToString());
        if (stub["fail"] is { } failure) throw new InvalidOperationException(failure.ToString());
        IReadOnlyDictionary<string, JsonNode?>? variables = (stub["variables"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.DeepClone());
        return Task.FromResult(variables);
    }
}

internal sealed class InMemoryWorkflowDb(SqliteConnection connection) : IWorkflowDbFactory
{
    private readonly DbContextOptions<SqliteWorkflowDbContext> options = new DbContextOptionsBuilder<SqliteWorkflowDbContext>()
        .UseSqlite(connection, s => s.MigrationsHistoryTable(WorkflowDbContext.MigrationsHistoryTable))
        .Options;

    public WorkflowDbContext Create() => new SqliteWorkflowDbContext(options);

    public bool SingleWriter => true;
}

internal sealed partial class ScenarioSession : IAsyncDisposable
{
    private readonly ScenarioFile scenario;
    private readonly SqliteConnection connection;
    private readonly ServiceProvider services;
    private readonly VirtualClock clock;
    private readonly IWorkflowEngine engine;
    private Guid instanceId;

    private ScenarioSession(ScenarioFile scenario, SqliteConnection connection, ServiceProvider services, VirtualClock clock)
    {
        this.scenario = scenario;
        this.connection = connection;
        this.services = services;
        this.clock = clock;
        engine = services.GetRequiredService<IWorkflowEngine>();
    }

    public static async Task<ScenarioSession> CreateAsync(ScenarioFile scenario, IEnumerable<ServiceTaskRegistration> extraHandlers, CancellationToken ct)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(ct);
        var clock = new VirtualClock(scenario.Clock);
        var collection = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IWorkflowDbFactory>(new InMemoryWorkflowDb(connection));
        foreach (var registration in extraHandlers) collection.AddSingleton(registration);
        foreach (var (name, stub) in scenario.Services)
        {
            collection.AddSingleton(new ServiceTaskRegistration(name, _ => new StubHandler(stub)));
        }
        var services = collection.AddMediationWorkflows().BuildServiceProvider();
        await using (var db = services.GetRequiredService<IWorkflowDbFactory>().Create())
        {
            await db.Database.MigrateAsync(ct);
        }
        return new ScenarioSession(scenario, connection, services, clock);
    }

    public async Task<string?> RunAsync(CancellationToken ct)
    {
        var key = await DeployAsync(ct);
        var instance = await engine.StartAsync(new StartRequest(key, scenario.BusinessKey, AsDictionary(scenario.StartVariables), "scenario"), ct);
        instanceId = instance.Id;
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            var step = scenario.Steps[i];
            try
            {
                await RunStepAsync(step, ct);
            }
            catch (ScenarioDivergence e)
            {
                return $"step {i + 1} ({Describe(step)}): {e.Message}";
            }
        }
        return null;
    }

    private async Task<string> DeployAsync(CancellationToken ct)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(scenario.Path))!;
        var definition = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, scenario.Definition));
        if (!File.Exists(definition)) throw new ScenarioDivergence($"definition '{scenario.Definition}' does not exist");
        var beside = Directory.EnumerateFiles(System.IO.Path.GetDirectoryName(definition)!)
            .Where(f => f.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".bpmn20.xml", StringComparison.OrdinalIgnoreCase))
            .Where(f => f != definition)
            .Order(StringComparer.Ordinal);
        foreach (var file in beside)
        {
            // A neighbour that does not deploy only matters if the scenario calls it; that then fails by name.
            await engine.DeployAsync(await File.ReadAllBytesAsync(file, ct), System.IO.Path.GetFileName(file), ct);
        }
        var content = await File.ReadAllBytesAsync(definition, ct);
        var result = await engine.DeployAsync(content, System.IO.Path.GetFileName(definition), ct);
        if (!result.Succeeded)
        {
            var errors = result.Findings.Where(f => f.Severity == Bpmn.Validation.Severity.Error).Take(3)
                .Select(f => f.Format(scenario.Definition));
            throw new ScenarioDivergence("definition is not deployable: " + string.Join("; ", errors));
        }
        var document = Bpmn.BpmnReader.Read(content);
        if (scenario.Process is { } named)
        {
            if (document.ExecutableProcesses.All(p => p.Id != named)) throw new ScenarioDivergence($"the definition has no executable process '{named}'");
            return named;
        }
        var executable = document.ExecutableProcesses.ToList();
        return executable.Count == 1 ? executable[0].Id
            : throw new ScenarioDivergence($"the definition has {executable.Count} executable processes: name one with 'process'");
    }

    private static IReadOnlyDictionary<string, JsonNode?>? AsDictionary(JsonObject? variables)
        => variables?.ToDictionary(p => p.Key, p => p.Value?.DeepClone());

    private static string Describe(JsonObject step) => string.Join(", ", step.Select(p => p.Key));

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await connection.DisposeAsync();
    }
}
