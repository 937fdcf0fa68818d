using System.Globalization;
using System.Text.Json.Nodes;
using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Expressions;
using Mediation.Workflows.Journal;
using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Workflows.Execution;

/// <summary>Embedded subprocesses, call activities and multi-instance activities: activities that hold other tokens.</summary>
internal sealed partial class TokenRunner
{
    private void EnterSubProcess(InstanceContext instance, Token token, FlowNode node)
    {
        var scope = new Scope { Id = Guid.CreateVersion7(), ParentId = token.ScopeId, Kind = ScopeKind.SubProcess, ElementId = node.Id, OwnerTokenId = token.Id };
        instance.State.Scopes.Add(scope);
        token.Status = TokenStatus.InScope;
        // The none start event, or (BPMN 13.2.2) every activity and event without incoming flow.
        var starts = instance.Model.NoneStartEvent(node.Id) is { } start ? [start]
            : instance.Model.ChildrenOf(node.Id).Where(n => n.Kind != NodeKind.BoundaryEvent && !instance.Model.Incoming(n.Id).Any()).ToList();
        if (starts.Count == 0)
        {
            instance.State.Scopes.Remove(scope);
            RaiseIncident(instance, token, "NoStartEvent", $"The subprocess '{node.Id}' has nothing to start: no start event and no element without incoming flow.");
            return;
        }
        foreach (var first in starts)
        {
            instance.State.Tokens.Add(new Token { Id = Guid.CreateVersion7(), ElementId = first.Id, ScopeId = scope.Id, Status = TokenStatus.Ready });
        }
    }

    /// <summary>Starts the latest version of the called process as a child instance, run in this same command.</summary>
    private async Task EnterCallActivityAsync(InstanceContext instance, Token token, FlowNode node, CancellationToken ct)
    {
        var key = node.CalledElement!;
        if (Timers.TimerExpression.IsExpression(key))
        {
            var value = expressions.Evaluate(key, instance.VariablesAt(token.ScopeId));
            key = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
        }
        var db = instance.Command.Db;
        var definition = await rows.LatestDefinitionAsync(db, key, ct);
        if (definition is null)
        {
            RaiseIncident(instance, token, "CalledProcessMissing", $"The call activity '{node.Id}' calls '{key}', which is not deployed.");
            return;
        }
        var model = definitions.GetProcess(db, definition.Id, definition.Key);
        var start = model.NoneStartEvent(null);
        if (start is null)
        {
            RaiseIncident(instance, token, "CalledProcessMissing", $"The called process '{key}' has no none start event.");
            return;
        }
        var child = new ProcessInstanceEntity
        {
            Id = Guid.CreateVersion7(), DefinitionId = definition.Id, DefinitionKey = definition.Key, DefinitionVersion = definition.Version,
            BusinessKey = instance.Entity.BusinessKey, Status = InstanceStatus.Running, StartedAt = instance.Command.Now,
            StartedBy = instance.Command.Actor, ParentInstanceId = instance.Id, ParentTokenId = token.Id,
        };
        db.ProcessInstances.Add(child);
        var context = new InstanceContext(instance.Command, child, model) { Changed = true };
        instance.Command.Instances[child.Id] = context;
        context.Journal(JournalKinds.InstanceStarted, start.Id, new { definitionKey = definition.Key, definitionVersion = definition.Version, calledBy = instance.Id });
        context.SetVariables(MapVariables(node.CallIn, instance.VariablesAt(token), instance.Entity.BusinessKey), start.Id);
        token.Status = TokenStatus.InScope;
        token.BookmarkId = child.Id;
        context.State.Tokens.Add(new Token { Id = Guid.CreateVersion7(), ElementId = start.Id, ScopeId = child.Id, Status = TokenStatus.Ready });
    }

    /// <summary>camunda:in / camunda:out: all variables, one variable under a name, or an expression's value.</summary>
    private Dictionary<string, JsonNode?> MapVariables(IReadOnlyList<CallMapping> mappings, JsonObject source, string? businessKey)
    {
        var result = new Dictionary<string, JsonNode?>();
        foreach (var mapping in mappings)
        {
            if (mapping.All)
            {
                foreach (var (name, value) in source) result[name] = value?.DeepClone();
            }
            else if (mapping.Target is { } target && mapping.SourceExpression is { } expression)
            {
                result[target] = expressions.Evaluate(expression, source);
            }
            else if (mapping.Target is { } to && mapping.Source is { } from && source.TryGetPropertyValue(from, out var value))
            {
                result[to] = value?.DeepClone();
            }
        }
        return result;
    }

    /// <summary>An instance loaded into the command (tracked), so a child and its caller change together.</summary>
    public async Task<InstanceContext> LoadInstanceAsync(CommandContext command, Guid id, CancellationToken ct)
    {
        if (command.Instances.TryGetValue(id, out var loaded)) return loaded;
        var entity = await rows.InstanceAsync(command.Db, id, ct)
            ?? throw new InvalidOperationException($"Instance {id} is not stored.");
        var model = definitions.GetProcess(command.Db, entity.DefinitionId, entity.DefinitionKey);
        var context = new InstanceContext(command, entity, model);
        command.Instances[id] = context;
        return context;
    }

    /// <summary>
    /// Fans an activity out: a body scope holds Camunda's counts (nrOfInstances, nrOfActiveInstances,
    /// nrOfCompletedInstances); each item scope holds its loopCounter and element variable.
    /// </summary>
    private async Task EnterMultiInstanceAsync(InstanceContext instance, Token token, FlowNode node, CancellationToken ct)
    {
        var spec = node.MultiInstance!;
        var variables = instance.VariablesAt(token.ScopeId);
        JsonArray? collection = null;
        int count;
        if (spec.Collection is { } collectionText)
        {
            var value = Timers.TimerExpression.IsExpression(collectionText) ? expressions.Evaluate(collectionText, variables)
                : variables[collectionText]?.DeepClone();
            collection = value as JsonArray
                ?? throw new ExpressionException(collectionText, $"the multi-instance collection of '{node.Id}' is not a list");
            count = collection.Count;
        }
        else
        {
            var value = expressions.Evaluate(spec.LoopCardinality ?? "", variables);
            count = value is JsonValue v && v.TryGetValue<double>(out var d) ? (int)d
                : int.TryParse(value?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
                : throw new ExpressionException(spec.LoopCardinality ?? "", $"the loopCardinality of '{node.Id}' is not a number");
        }
        if (count <= 0)
        {
            await LeaveAsync(instance, token, node, ct);   // nothing to do: the activity completes at once
            return;
        }
        if (!token.BoundariesArmed) ArmBoundaries(instance, token, node);
        token.Status = TokenStatus.InScope;
        var body = new Scope
        {
            Id = Guid.CreateVersion7(), ParentId = token.ScopeId, Kind = ScopeKind.MultiInstanceBody, ElementId = node.Id, OwnerTokenId = token.Id,
            Collection = collection,
            Variables = new JsonObject
            {
                ["nrOfInstances"] = count,
                ["nrOfActiveInstances"] = spec.IsSequential ? 1 : count,
                ["nrOfCompletedInstances"] = 0,
            },
        };
        instance.State.Scopes.Add(body);
        for (var i = 0; i < (spec.IsSequential ? 1 : count); i++) StartItem(instance, body, node, i);
    }

    /// <summary>As Camunda evaluates a completionCondition: the body's counts plus the finished item's loopCounter and element.</summary>
    private static JsonObject ItemVariables(InstanceContext instance, Scope body, Scope item)
    {
        var variables = (JsonObject)instance.VariablesAt(body.Id).DeepClone();
        foreach (var (name, value) in item.Variables) variables[name] = value?.DeepClone();
        return variables;
    }

    private static void StartItem(InstanceContext instance, Scope body, FlowNode node, int index)
    {
        var item = new Scope
        {
            Id = Guid.CreateVersion7(), ParentId = body.Id, Kind = ScopeKind.MultiInstanceItem, ElementId = node.Id, OwnerTokenId = body.OwnerTokenId,
            Variables = new JsonObject { ["loopCounter"] = index },
        };
        if (body.Collection is { } collection && node.MultiInstance!.ElementVariable is { } name) item.Variables[name] = collection[index]?.DeepClone();
        instance.State.Scopes.Add(item);
        body.NextItem = index + 1;
        instance.State.Tokens.Add(new Token { Id = Guid.CreateVersion7(), ElementId = node.Id, ScopeId = item.Id, Status = TokenStatus.Ready, IsItem = true });
    }

    private Task CompleteItemAsync(InstanceContext instance, Guid itemScopeId, CancellationToken ct)
        => instance.FindScope(itemScopeId) is { } item ? RemoveAndCompleteItemAsync(instance, item, ct) : Task.CompletedTask;

    private async Task RemoveAndCompleteItemAsync(InstanceContext instance, Scope item, CancellationToken ct)
    {
        if (instance.State.Tokens.Any(t => t.ScopeId == item.Id)) return;
        instance.State.Scopes.Remove(item);
        await CompleteItemAsync(instance, item, ct);
    }

    /// <summary>One item is done: the counts move, the completionCondition is asked, and the body completes or goes on.</summary>
    private async Task CompleteItemAsync(InstanceContext instance, Scope item, CancellationToken ct)
    {
        var body = instance.FindScope(item.ParentId);
        if (body is null) return;
        var node = instance.Model.Node(body.ElementId);
        var total = body.Variables["nrOfInstances"]!.GetValue<int>();
        var completed = body.Variables["nrOfCompletedInstances"]!.GetValue<int>() + 1;
        body.Variables["nrOfCompletedInstances"] = completed;
        body.Variables["nrOfActiveInstances"] = body.Variables["nrOfActiveInstances"]!.GetValue<int>() - 1;
        bool done;
        try
        {
            done = completed >= total
                || (node.MultiInstance!.CompletionCondition is { Length: > 0 } condition
                    && Holds(instance, node.Id, condition, ItemVariables(instance, body, item)));
        }
        catch (ExpressionException e)
        {
            // The activity as a whole failed: its items stop, and a retry runs the activity again from the start.
            foreach (var other in instance.State.Scopes.Where(s => s.ParentId == body.Id).ToList()) await CancelScopeAsync(instance, other, ct);
            instance.State.Scopes.Remove(body);
            if (instance.FindToken(body.OwnerTokenId) is { } failed) RaiseIncident(instance, failed, "Expression", e.Message);
            return;
        }
        if (!done)
        {
            if (node.MultiInstance!.IsSequential && body.NextItem < total)
            {
                body.Variables["nrOfActiveInstances"] = 1;
                StartItem(instance, body, node, body.NextItem);
            }
            return;
        }
        foreach (var other in instance.State.Scopes.Where(s => s.ParentId == body.Id).ToList()) await CancelScopeAsync(instance, other, ct);
        instance.State.Scopes.Remove(body);
        var owner = instance.FindToken(body.OwnerTokenId);
        if (owner is not null)
        {
            owner.Status = TokenStatus.Ready;
            await LeaveAsync(instance, owner, node, ct);
        }
    }
}
