using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Definitions;
using Mediation.Workflows.Expressions;
using Mediation.Workflows.Journal;
using Mediation.Workflows.Persistence;
using Mediation.Workflows.Timers;

namespace Mediation.Workflows.Execution;

/// <summary>
/// Moves ready tokens through the graph until each one waits or ends, across every instance the command has
/// loaded (a call activity's child runs in the same command and transaction as its caller).
/// </summary>
internal sealed partial class TokenRunner(
    Persistence.HotRows rows,
    IExpressionEvaluator expressions,
    UserTaskFactory tasks,
    ServiceTaskRegistry handlers,
    DefinitionCache definitions,
    TimerSchedule schedule,
    EngineOptions options)
{
    public async Task RunAsync(CommandContext command, CancellationToken ct)
    {
        while (true)
        {
            var (instance, token) = NextReady(command);
            if (token is null)
            {
                if (ReleaseInclusiveJoins(command)) continue;
                break;
            }
            if (++command.Steps > options.MaxStepsPerCommand)
            {
                RaiseIncident(instance!, token, "StepLimit",
                    $"More than {options.MaxStepsPerCommand} steps in one command at '{token.ElementId}': a loop without a wait state?");
                continue;
            }
            try
            {
                await ExecuteAsync(instance!, token, ct);
            }
            catch (ExpressionException e)
            {
                RaiseIncident(instance!, token, "Expression", e.Message);
            }
        }
    }

    private static (InstanceContext?, Token?) NextReady(CommandContext command)
    {
        foreach (var instance in command.Instances.Values)
        {
            var token = instance.State.Tokens.FirstOrDefault(t => t.Status == TokenStatus.Ready);
            if (token is not null) return (instance, token);
        }
        return (null, null);
    }

    private async Task ExecuteAsync(InstanceContext instance, Token token, CancellationToken ct)
    {
        var node = instance.Model.Node(token.ElementId);
        instance.Journal(JournalKinds.ElementEntered, node.Id);
        if (node.MultiInstance is not null && !token.IsItem)
        {
            await EnterMultiInstanceAsync(instance, token, node, ct);
            return;
        }
        if (node.IsActivity && !token.IsItem && !token.BoundariesArmed) ArmBoundaries(instance, token, node);
        if (node.Inputs.Count > 0 && token.Locals is null) token.Locals = MapInputs(instance, token, node);
        switch (node.Kind)
        {
            case NodeKind.UserTask:
                var task = await tasks.CreateAsync(instance, node, token, ct);
                token.Status = TokenStatus.Waiting;
                token.BookmarkId = task.Id;
                break;
            case NodeKind.ServiceTask:
                await RunServiceTaskAsync(instance, token, node, ct);
                break;
            case NodeKind.ScriptTask:
                await RunScriptTaskAsync(instance, token, node, ct);
                break;
            case NodeKind.ReceiveTask or NodeKind.IntermediateCatchEvent:
                WaitForEvent(instance, token, node);
                break;
            case NodeKind.EventBasedGateway:
                WaitAtEventGateway(instance, token, node);
                break;
            case NodeKind.ExclusiveGateway:
                LeaveExclusive(instance, token, node);
                break;
            case NodeKind.ParallelGateway:
                JoinParallel(instance, token, node);
                break;
            case NodeKind.InclusiveGateway:
                ArriveAtInclusive(instance, token, node);
                break;
            case NodeKind.SubProcess:
                EnterSubProcess(instance, token, node);
                break;
            case NodeKind.CallActivity:
                await EnterCallActivityAsync(instance, token, node, ct);
                break;
            case NodeKind.EndEvent:
                await EndAsync(instance, token, node, ct);
                break;
            default:   // start, boundary and none throw events, none and manual tasks run straight through
                await LeaveAsync(instance, token, node, ct);
                break;
        }
    }

    /// <summary>
    /// The token completes its element: boundary subscriptions go, then every outgoing flow whose condition holds is
    /// taken (the default flow only when no other is); with none the token ends here. Conditions are evaluated before
    /// anything changes, so a failing one leaves the token where it was, for an incident.
    /// </summary>
    public async Task LeaveAsync(InstanceContext instance, Token token, FlowNode node, CancellationToken ct)
    {
        try
        {
            await LeaveAsync(instance, token, node, null, ct);
        }
        catch (ExpressionException e) when (instance.State.Tokens.Contains(token))
        {
            RaiseIncident(instance, token, "Expression", e.Message);
        }
    }

    private async Task LeaveAsync(InstanceContext instance, Token token, FlowNode node, IReadOnlyList<SequenceFlow>? chosen, CancellationToken ct)
    {
        if (node.Outputs.Count > 0) instance.SetVariables(MapOutputs(instance, token, node), node.Id);
        var flows = chosen ?? ActivityFlows(instance, token, node);
        if (token.BoundariesArmed) Disarm(instance, token);
        instance.Journal(JournalKinds.ElementLeft, node.Id);
        instance.State.Tokens.Remove(token);
        if (token.IsItem)
        {
            await CompleteItemAsync(instance, token.ScopeId, ct);
            return;
        }
        foreach (var flow in flows)
        {
            instance.State.Tokens.Add(new Token { Id = Guid.CreateVersion7(), ElementId = flow.TargetRef, ScopeId = token.ScopeId, Status = TokenStatus.Ready });
        }
        if (flows.Count == 0) await TokenEndedAsync(instance, token.ScopeId, ct);
    }

    private List<SequenceFlow> ActivityFlows(InstanceContext instance, Token token, FlowNode node)
    {
        var outgoing = instance.Model.Outgoing(node.Id).ToList();
        if (outgoing.Count == 0 || (outgoing.Count == 1 && outgoing[0].Condition is null)) return outgoing;
        var variables = instance.VariablesAt(token.ScopeId);
        var taken = outgoing
            .Where(f => f.Id != node.DefaultFlowId && (f.Condition is null || Holds(instance, node.Id, f.Condition, variables, f.Id)))
            .ToList();
        if (taken.Count == 0 && node.DefaultFlowId is { } fallback) taken.AddRange(outgoing.Where(f => f.Id == fallback));
        return taken;
    }

    /// <summary>camunda:inputParameter: evaluated when the activity starts, visible only inside it.</summary>
    private System.Text.Json.Nodes.JsonObject MapInputs(InstanceContext instance, Token token, FlowNode node)
    {
        var variables = instance.VariablesAt(token.ScopeId);
        var locals = new System.Text.Json.Nodes.JsonObject();
        foreach (var input in node.Inputs) locals[input.Name] = ParameterValue(instance, node, input, variables);
        return locals;
    }

    /// <summary>camunda:outputParameter: evaluated inside the activity when it completes, set on the process instance.</summary>
    private Dictionary<string, System.Text.Json.Nodes.JsonNode?> MapOutputs(InstanceContext instance, Token token, FlowNode node)
    {
        var variables = instance.VariablesAt(token);
        return node.Outputs.ToDictionary(o => o.Name, o => ParameterValue(instance, node, o, variables));
    }

    private System.Text.Json.Nodes.JsonNode? ParameterValue(InstanceContext instance, FlowNode node, IoParameter parameter,
        System.Text.Json.Nodes.JsonObject variables)
    {
        var text = parameter.Value ?? "";
        if (!Timers.TimerExpression.IsExpression(text)) return System.Text.Json.Nodes.JsonValue.Create(text);
        var result = expressions.Run(text, variables, new ExpressionContext(instance.Id.ToString(), instance.Entity.BusinessKey, node.Id, instance.Command.Now));
        JournalProvisionalVariables(instance, node, result, [parameter.Name]);
        return result.Value;
    }

    /// <summary>A condition; journaled as provisional when it compared a date counted through a year the calendar does not know.</summary>
    private bool Holds(InstanceContext instance, string elementId, string condition, System.Text.Json.Nodes.JsonObject variables, string? flowId = null)
    {
        var result = expressions.RunCondition(condition, variables,
            new ExpressionContext(instance.Id.ToString(), instance.Entity.BusinessKey, elementId, instance.Command.Now));
        if (result.UnscheduledYears.Count > 0)
        {
            instance.Journal(JournalKinds.DeadlineProvisional, elementId,
                new { deadline = DeadlineNames.Condition, flowId, missingYears = result.UnscheduledYears });
        }
        return result.Value;
    }

    /// <summary>
    /// A date counted through a year the calendar does not know, stored in a variable: the journal says so. Unlike a
    /// task's or timer's deadline it is not recomputed when the year is added (the variable may have been used since).
    /// </summary>
    internal static void JournalProvisionalVariables(InstanceContext instance, FlowNode node, EvaluationResult result, IEnumerable<string> variables)
    {
        if (!result.IsProvisional) return;
        instance.Journal(JournalKinds.DeadlineProvisional, node.Id,
            new { deadline = DeadlineNames.Variable, variables = variables.ToList(), missingYears = result.UnscheduledYears });
    }

    /// <summary>A token ended in a scope; when it was the scope's last, the scope (or the instance) completes.</summary>
    private async Task TokenEndedAsync(InstanceContext instance, Guid scopeId, CancellationToken ct)
    {
        if (instance.State.Tokens.Any(t => t.ScopeId == scopeId)) return;
        await CompleteScopeAsync(instance, scopeId, ct);
    }

    private async Task CompleteScopeAsync(InstanceContext instance, Guid scopeId, CancellationToken ct)
    {
        if (scopeId == instance.Id)
        {
            await CompleteInstanceAsync(instance, InstanceStatus.Completed, ct);
            return;
        }
        var scope = instance.FindScope(scopeId);
        if (scope is null) return;
        instance.State.Scopes.Remove(scope);
        switch (scope.Kind)
        {
            case ScopeKind.SubProcess:
                var owner = instance.FindToken(scope.OwnerTokenId);
                if (owner is not null) await LeaveAsync(instance, owner, instance.Model.Node(scope.ElementId), ct);
                break;
            case ScopeKind.MultiInstanceItem:
                await CompleteItemAsync(instance, scope, ct);
                break;
        }
    }

    private static IncidentEntity RaiseIncident(InstanceContext instance, Token token, string kind, string message)
    {
        token.Status = TokenStatus.Failed;
        var incident = new IncidentEntity
        {
            Id = Guid.CreateVersion7(),
            InstanceId = instance.Id,
            ElementId = token.ElementId,
            TokenId = token.Id,
            Kind = kind,
            Message = message.Length > 4000 ? message[..4000] : message,
            Status = IncidentStatus.Open,
            Attempts = 1,
            CreatedAt = instance.Command.Now,
        };
        instance.Command.Db.Incidents.Add(incident);
        instance.Journal(JournalKinds.IncidentRaised, token.ElementId, new { incidentId = incident.Id, kind, message = incident.Message });
        return incident;
    }
}

/// <summary>Engine limits and defaults.</summary>
public sealed class EngineOptions
{
    /// <summary>Steps one command may take: a loop with no wait state becomes an incident instead of spinning.</summary>
    public int MaxStepsPerCommand { get; set; } = 10_000;

    /// <summary>Automatic retries of a failing service task before it is left for a person.</summary>
    public int ServiceTaskRetries { get; set; } = 3;

    /// <summary>Wait before the first automatic retry; each further retry waits four times longer.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This process among the Host processes sharing a database: the journal says which node fired a timer.</summary>
    public string NodeName { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>The zone in which dates, calendar days and deadlines are computed.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>
    /// On a SQLite file, commit through the command log: one small flushed append per batch of commands instead of a
    /// flush of every page they change (Persistence/CommandLog). Off, every commit flushes the database's WAL itself.
    /// </summary>
    public bool CommandLog { get; set; } = true;

    /// <summary>
    /// How often the database's WAL is checkpointed until it has caught up (restarted, which holds the table writer up
    /// for some milliseconds, only when passive checkpoints do not catch up) and flushed, and the command log's durable
    /// segments are reused. The log holds about this long of commands.
    /// </summary>
    public TimeSpan CommandLogMaintenance { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest the command log's table writer keeps answered commands in its open transaction while commands keep
    /// coming; every other connection to the file gets them committed first anyway (CommandLogBarrier).
    /// </summary>
    public TimeSpan CommandLogCommitInterval { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How long the table writer waits for another command before it commits what it has.</summary>
    public TimeSpan CommandLogIdleCommit { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// How long a start waits for the command log that another process still holds (one shutting down) before it
    /// refuses: one process per SQLite file.
    /// </summary>
    public TimeSpan CommandLogLockWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Size of a command log segment file.</summary>
    public int CommandLogSegmentBytes { get; set; } = Persistence.CommandLog.CommandLogFile.DefaultSegmentSize;

    /// <summary>WAL pages after which the table writer checkpoints itself, should the background checkpoints fail to restart the WAL.</summary>
    public int CommandLogCheckpointPages { get; set; } = 100_000;

    internal TimeZoneInfo Zone => zone ??= TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
    private TimeZoneInfo? zone;
}
