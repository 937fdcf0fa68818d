using System.Text.Json;
using System.Text.Json.Nodes;
using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Journal;
using Mediation.Workflows.Persistence;

namespace Mediation.Workflows.Execution;

/// <summary>One command: its database unit of work, its time and actor, and every instance it has loaded.</summary>
internal sealed class CommandContext(WorkflowDbContext db, DateTimeOffset now, string? actor)
{
    public WorkflowDbContext Db { get; } = db;
    public DateTimeOffset Now { get; } = now;
    public string? Actor { get; } = actor;
    public Dictionary<Guid, InstanceContext> Instances { get; } = [];
    /// <summary>Timers created or cancelled by this command, handed to the scheduler after commit.</summary>
    public List<TimerEntity> ScheduledTimers { get; } = [];
    public List<Guid> CancelledTimers { get; } = [];
    /// <summary>User tasks this command created, for the caller's answer (those still open at commit).</summary>
    public List<UserTaskEntity> CreatedTasks { get; } = [];

    public IReadOnlyList<TaskRef> OpenCreatedTasks()
        => CreatedTasks.Where(t => t.Status == UserTaskStatus.Open).Select(t => new TaskRef(t.Id, t.InstanceId, t.ElementId, t.Name)).ToList();
    public int Steps { get; set; }
    private int sequence;

    public int NextSequence() => ++sequence;

    /// <summary>Journal entries of this command, written in its transaction after the tracked changes (ChangeSet).</summary>
    public List<JournalEntryEntity> JournalEntries { get; } = [];

    public void Journal(Guid instanceId, string kind, string? elementId, object? data = null) => JournalEntries.Add(new JournalEntryEntity
    {
        InstanceId = instanceId,
        At = Now,
        Kind = kind,
        ElementId = elementId,
        Actor = Actor,
        Data = data is null ? null : JsonSerializer.Serialize(data, Json.Options),
    });

    /// <summary>Writes every loaded instance back and bumps each changed one's revision (the concurrency token).</summary>
    public void Flush()
    {
        foreach (var instance in Instances.Values) instance.Flush();
    }
}

/// <summary>One loaded instance: its row, model, variables and tokens.</summary>
internal sealed class InstanceContext
{
    public InstanceContext(CommandContext command, ProcessInstanceEntity entity, ProcessModel model)
    {
        Command = command;
        Entity = entity;
        Model = model;
        Variables = JsonNode.Parse(entity.VariablesJson) as JsonObject ?? [];
        State = JsonSerializer.Deserialize<InstanceState>(entity.StateJson, Json.Options) ?? new();
        originalVariables = entity.VariablesJson;
        originalState = entity.StateJson;
    }

    private readonly string originalVariables;
    private readonly string originalState;

    public CommandContext Command { get; }
    public ProcessInstanceEntity Entity { get; }
    public ProcessModel Model { get; }
    public JsonObject Variables { get; }
    public InstanceState State { get; }
    public Guid Id => Entity.Id;
    public bool Changed { get; set; }

    public void Journal(string kind, string? elementId, object? data = null)
    {
        Changed = true;
        Command.Journal(Id, kind, elementId, data);
    }

    public Token? FindToken(Guid id) => State.Tokens.FirstOrDefault(t => t.Id == id);

    public Scope? FindScope(Guid id) => State.Scopes.FirstOrDefault(s => s.Id == id);

    /// <summary>The variables an expression sees at a token: the process variables overlaid by its scopes' locals, innermost last.</summary>
    public JsonObject VariablesAt(Guid scopeId)
    {
        var chain = new List<Scope>();
        for (var scope = FindScope(scopeId); scope is not null; scope = FindScope(scope.ParentId)) chain.Add(scope);
        if (chain.All(s => s.Variables.Count == 0)) return Variables;
        var merged = (JsonObject)Variables.DeepClone();
        foreach (var scope in Enumerable.Reverse(chain))
        {
            foreach (var (name, value) in scope.Variables) merged[name] = value?.DeepClone();
        }
        return merged;
    }

    /// <summary>The variables an expression sees at a token: its scope's, plus the activity's input parameters.</summary>
    public JsonObject VariablesAt(Token token)
    {
        var variables = VariablesAt(token.ScopeId);
        if (token.Locals is not { Count: > 0 } locals) return variables;
        var merged = (JsonObject)variables.DeepClone();
        foreach (var (name, value) in locals) merged[name] = value?.DeepClone();
        return merged;
    }

    /// <summary>Sets process variables, journaling each real change with its old and new value.</summary>
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

    public void Flush()
    {
        var variables = Variables.ToJsonString();
        var state = JsonSerializer.Serialize(State, Json.Options);
        if (!Changed && variables == originalVariables && state == originalState) return;
        Entity.VariablesJson = variables;
        Entity.StateJson = state;
        Entity.Revision++;
    }
}

internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
