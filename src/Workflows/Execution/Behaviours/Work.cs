using System.Text.Json.Nodes;
using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Expressions;
using Mediation.Workflows.Journal;
using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Workflows.Execution;

/// <summary>Service and script tasks: work the engine does itself, without waiting for a person.</summary>
internal sealed partial class TokenRunner
{
    /// <summary>
    /// Calls the handler registered under the task's name. A BPMN error goes to the error boundary events; any other
    /// failure opens an incident at once and schedules automatic retries with backoff, which resolve it if one succeeds.
    /// </summary>
    private async Task RunServiceTaskAsync(InstanceContext instance, Token token, FlowNode node, CancellationToken ct)
    {
        var name = ServiceTaskRegistry.HandlerName(node);
        var handler = name is null ? null : handlers.Find(name);
        if (handler is null)
        {
            RaiseIncident(instance, token, "HandlerMissing", name is null
                ? $"The service task '{node.Id}' names no handler."
                : $"No service-task handler is registered under the name '{name}'.");
            return;
        }
        IReadOnlyDictionary<string, JsonNode?>? result;
        try
        {
            var context = new ServiceTaskContext(instance.Id, instance.Entity.BusinessKey, node.Id, name!,
                (JsonObject)instance.VariablesAt(token).DeepClone(), instance.Command.Now, token.Id);
            result = await handler.ExecuteAsync(context, ct);
        }
        catch (BpmnErrorException error)
        {
            instance.Journal(JournalKinds.ErrorThrown, node.Id, new { errorCode = error.ErrorCode, message = error.Message });
            await ThrowErrorAsync(instance, token, node, error.ErrorCode, error.Message, ct);
            return;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            var incident = RaiseIncident(instance, token, "ServiceFailure", $"{name}: {failure.Message}");
            await ScheduleRetryAsync(instance, token, node, incident, ct);
            return;
        }
        instance.SetVariables(result, node.Id);
        await LeaveAsync(instance, token, node, ct);
    }

    /// <summary>The next automatic retry of a failing service task: a timer row, fired like any other.</summary>
    private async Task ScheduleRetryAsync(InstanceContext instance, Token token, FlowNode node, IncidentEntity incident, CancellationToken ct)
    {
        // Attempts so far: every incident this token ever had (stored ones, resolved by earlier retries) plus this one.
        var db = instance.Command.Db;
        var stored = await db.Incidents.Where(i => i.TokenId == token.Id).Select(i => i.Id).ToListAsync(ct);
        var attempt = stored.Union(db.Incidents.Local.Where(i => i.TokenId == token.Id).Select(i => i.Id)).Count();
        if (attempt > options.ServiceTaskRetries) return;
        var wait = options.RetryBackoff * Math.Pow(4, attempt - 1);
        var timer = new TimerEntity
        {
            Id = Guid.CreateVersion7(), InstanceId = instance.Id, ElementId = node.Id, TokenId = token.Id, Kind = TimerKinds.Retry,
            DueAt = instance.Command.Now + wait, Status = TimerStatus.Pending, CreatedAt = instance.Command.Now,
        };
        instance.Command.Db.Timers.Add(timer);
        instance.Command.ScheduledTimers.Add(timer);
        incident.Attempts = attempt;
    }

    /// <summary>Runs a JavaScript script task in the expression sandbox; the variables it sets become process variables.</summary>
    private async Task RunScriptTaskAsync(InstanceContext instance, Token token, FlowNode node, CancellationToken ct)
    {
        var context = new ExpressionContext(instance.Id.ToString(), instance.Entity.BusinessKey, node.Id, instance.Command.Now);
        var result = expressions.RunScript(node.Script ?? "", node.ScriptFormat, instance.VariablesAt(token), context);
        instance.SetVariables(result.SetVariables, node.Id);
        var resultVariable = node.CamundaAttribute("resultVariable") is { Length: > 0 } name ? name : null;
        if (resultVariable is not null)
        {
            instance.SetVariables(new Dictionary<string, JsonNode?> { [resultVariable] = result.Value }, node.Id);
        }
        JournalProvisionalVariables(instance, node, result, resultVariable is null ? result.SetVariables.Keys : [.. result.SetVariables.Keys, resultVariable]);
        await LeaveAsync(instance, token, node, ct);
    }
}
