using System.Text.Json;
using System.Text.Json.Nodes;
using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Journal;
using Mediation.Workflows.Persistence;

namespace Mediation.Workflows.Execution;

/// <summary>Everything one command works on: the instance, its model, variables and tokens, and what it journals.</summary>
internal sealed class CommandContext(WorkflowDbContext db, ProcessInstanceEntity instance, ProcessModel model,
    DateTimeOffset now, string? actor)
{
    public WorkflowDbContext Db { get; } = db;
    public ProcessInstanceEntity Instance { get; } = instance;
    public ProcessModel Model { get; } = model;
    public DateTimeOffset Now { get; } = now;
    public string? Actor { get; } = actor;
    public JsonObject Variables { get; } = JsonNode.Parse(instance.VariablesJson) as JsonObject ?? [];
    public InstanceState State { get; } = JsonSerializer.Deserialize<InstanceState>(instance.StateJson, Json.Options) ?? new();

    public void Journal(string kind, string? elementId, object? data = null) => Db.Journal.Add(new JournalEntryEntity
    {
        InstanceId = Instance.Id,
        At = Now,
        Kind = kind,
        ElementId = elementId,
        Actor = Actor,
        Data = data is null ? null : JsonSerializer.Serialize(data, Json.Options),
    });

    /// <summary>Sets variables on the instance, journaling each real change with its old and new value.</summary>
    public void SetVariables(IReadOnlyDictionary<string, JsonNode?>? variables, string? elementId)
    {
        if (variables is null) return;
        foreach (var (name, value) in variables)
        {
            var old = Variables[name];
            if (Variables.ContainsKey(name) && JsonNode.DeepEquals(old, value)) continue;
            Journal(JournalKinds.VariableChanged, elementId, new { name, oldValue = old?.DeepClone(), newValue = value?.DeepClone() });
            Variables[name] = value?.DeepClone();
        }
    }

    /// <summary>Writes the variables and tokens back to the row and bumps its revision (the concurrency token).</summary>
    public void Flush()
    {
        Instance.VariablesJson = Variables.ToJsonString();
        Instance.StateJson = JsonSerializer.Serialize(State, Json.Options);
        Instance.Revision++;
    }
}

internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
