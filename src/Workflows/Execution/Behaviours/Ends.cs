using System.Text.Json.Nodes;
using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Journal;
using Mediation.Workflows.Persistence;

namespace Mediation.Workflows.Execution;

/// <summary>End events (none, terminate, error), BPMN errors and cancellation.</summary>
internal sealed partial class TokenRunner
{
    private async Task EndAsync(InstanceContext instance, Token token, FlowNode node, CancellationToken ct)
    {
        switch (node.Trigger)
        {
            case EventTrigger.Terminate:
                instance.Journal(JournalKinds.ElementLeft, node.Id);
                instance.State.Tokens.Remove(token);
                await TerminateScopeAsync(instance, token.ScopeId, ct);
                break;
            case EventTrigger.Error:
                instance.Journal(JournalKinds.ErrorThrown, node.Id, new { errorCode = node.ErrorCode });
                await ThrowErrorAsync(instance, token, node, node.ErrorCode ?? "", null, ct);
                break;
            default:
                instance.Journal(JournalKinds.ElementLeft, node.Id);
                instance.State.Tokens.Remove(token);
                await TokenEndedAsync(instance, token.ScopeId, ct);
                break;
        }
    }

    /// <summary>A terminate end ends its scope: every other token in it is cancelled, then the scope completes.</summary>
    private async Task TerminateScopeAsync(InstanceContext instance, Guid scopeId, CancellationToken ct)
    {
        foreach (var other in instance.State.Tokens.Where(t => t.ScopeId == scopeId).ToList())
        {
            await CancelTokenAsync(instance, other, ct);
        }
        await CompleteScopeAsync(instance, scopeId, ct);
    }

    /// <summary>
    /// Looks for an error boundary event from the throwing activity outwards (embedded subprocesses, multi-instance
    /// bodies, then the calling instance's call activity). The catching activity is cancelled and the flow leaves
    /// from the boundary event; an error nobody catches becomes an incident where it was thrown.
    /// </summary>
    private async Task ThrowErrorAsync(InstanceContext thrower, Token throwingToken, FlowNode from, string code, string? message, CancellationToken ct)
    {
        var instance = thrower;
        Token? token = throwingToken;
        var element = from;
        while (token is not null)
        {
            // An item of a multi-instance activity holds no boundary events: the activity as a whole does.
            if (element.IsActivity && !token!.IsItem && FindErrorBoundary(instance.Model, element.Id, code) is { } boundary)
            {
                instance.Journal(JournalKinds.ErrorCaught, boundary.Id, new { errorCode = code, thrownAt = from.Id });
                await FireBoundaryAsync(instance, token, boundary, ct);
                var variables = new Dictionary<string, JsonNode?>();
                if (boundary.ErrorCodeVariable is { } codeVariable) variables[codeVariable] = JsonValue.Create(code);
                if (boundary.ErrorMessageVariable is { } messageVariable) variables[messageVariable] = message is null ? null : JsonValue.Create(message);
                instance.SetVariables(variables, boundary.Id);
                return;
            }
            (instance, token, element) = await EnclosingAsync(instance, token!, ct);
        }
        RaiseIncident(thrower, throwingToken, "UncaughtError", $"The BPMN error '{code}' thrown at '{from.Id}' is caught by no error boundary event.");
    }

    private static FlowNode? FindErrorBoundary(ProcessModel model, string activityId, string code)
    {
        var candidates = model.BoundaryEventsOf(activityId).Where(b => b.Trigger == EventTrigger.Error).ToList();
        return candidates.FirstOrDefault(b => b.ErrorCode == code) ?? candidates.FirstOrDefault(b => string.IsNullOrEmpty(b.ErrorCode));
    }

    /// <summary>The token and activity that enclose a token: its subprocess or multi-instance owner, or the calling activity.</summary>
    private async Task<(InstanceContext, Token?, FlowNode)> EnclosingAsync(InstanceContext instance, Token token, CancellationToken ct)
    {
        var scope = instance.FindScope(token.ScopeId);
        while (scope is { Kind: ScopeKind.MultiInstanceItem }) scope = instance.FindScope(scope.ParentId);
        if (scope is not null)
        {
            var owner = instance.FindToken(scope.OwnerTokenId);
            return (instance, owner, instance.Model.Node(scope.ElementId));
        }
        if (instance.Entity.ParentInstanceId is { } parentId && instance.Entity.ParentTokenId is { } parentToken)
        {
            var parent = await LoadInstanceAsync(instance.Command, parentId, ct);
            var caller = parent.FindToken(parentToken);
            return caller is null ? (parent, null, instance.Model.Node(token.ElementId)) : (parent, caller, parent.Model.Node(caller.ElementId));
        }
        return (instance, null, instance.Model.Node(token.ElementId));
    }

    /// <summary>Cancels a token and everything it holds: its task, timers, subscriptions, inner scopes and called instance.</summary>
    private async Task CancelTokenAsync(InstanceContext instance, Token token, CancellationToken ct)
    {
        instance.State.Tokens.Remove(token);
        if (token.BoundariesArmed || token.Status == TokenStatus.Waiting) Disarm(instance, token);
        var db = instance.Command.Db;
        if (token.Status == TokenStatus.Waiting && token.BookmarkId is { } taskId)
        {
            var task = db.UserTasks.Local.FirstOrDefault(t => t.Id == taskId) ?? await db.UserTasks.FindAsync([taskId], ct);
            if (task is { Status: UserTaskStatus.Open })
            {
                task.Status = UserTaskStatus.Cancelled;
                task.EndedAt = instance.Command.Now;
                task.Revision++;
                instance.Journal(JournalKinds.TaskCancelled, task.ElementId, new { taskId = task.Id });
            }
        }
        if (token.Status == TokenStatus.InScope)
        {
            foreach (var scope in instance.State.Scopes.Where(s => s.OwnerTokenId == token.Id).ToList()) await CancelScopeAsync(instance, scope, ct);
            if (token.BookmarkId is { } childId && instance.Model.Node(token.ElementId).Kind == NodeKind.CallActivity)
            {
                var child = await LoadInstanceAsync(instance.Command, childId, ct);
                await CancelInstanceAsync(child, continueParent: false, ct);
            }
        }
        if (token.Status == TokenStatus.Failed) ResolveIncidents(instance, token, "cancelled");
        instance.Journal(JournalKinds.TokenCancelled, token.ElementId);
    }

    private async Task CancelScopeAsync(InstanceContext instance, Scope scope, CancellationToken ct)
    {
        foreach (var token in instance.State.Tokens.Where(t => t.ScopeId == scope.Id).ToList()) await CancelTokenAsync(instance, token, ct);
        foreach (var inner in instance.State.Scopes.Where(s => s.ParentId == scope.Id).ToList()) await CancelScopeAsync(instance, inner, ct);
        instance.State.Scopes.Remove(scope);
    }

    /// <summary>Ends an instance and everything in it; a called instance cancelled on its own lets its caller go on.</summary>
    public async Task CancelInstanceAsync(InstanceContext instance, bool continueParent, CancellationToken ct)
    {
        foreach (var token in instance.State.Tokens.Where(t => t.ScopeId == instance.Id).ToList()) await CancelTokenAsync(instance, token, ct);
        instance.State.Tokens.Clear();
        instance.State.Scopes.Clear();
        if (continueParent) await CompleteInstanceAsync(instance, InstanceStatus.Cancelled, ct);
        else MarkEnded(instance, InstanceStatus.Cancelled);
    }

    internal static void ResolveIncidents(InstanceContext instance, Token token, string by)
    {
        var db = instance.Command.Db;
        foreach (var incident in db.Incidents.Local.Where(i => i.TokenId == token.Id && i.Status == IncidentStatus.Open).ToList()
            .Concat(db.Incidents.Where(i => i.TokenId == token.Id && i.Status == IncidentStatus.Open).ToList()).Distinct())
        {
            incident.Status = IncidentStatus.Resolved;
            incident.ResolvedAt = instance.Command.Now;
            incident.ResolvedBy = by;
            instance.Journal(JournalKinds.IncidentResolved, incident.ElementId, new { incidentId = incident.Id, by });
        }
    }

    private static void MarkEnded(InstanceContext instance, InstanceStatus status)
    {
        if (instance.Entity.Status is InstanceStatus.Completed or InstanceStatus.Cancelled) return;
        instance.Entity.Status = status;
        instance.Entity.EndedAt = instance.Command.Now;
        instance.Journal(status == InstanceStatus.Completed ? JournalKinds.InstanceCompleted : JournalKinds.InstanceCancelled, null);
    }

    /// <summary>The instance ends; a called instance hands its variables back and its caller leaves the call activity.</summary>
    private async Task CompleteInstanceAsync(InstanceContext instance, InstanceStatus status, CancellationToken ct)
    {
        MarkEnded(instance, status);
        if (instance.Entity.ParentInstanceId is not { } parentId || instance.Entity.ParentTokenId is not { } parentTokenId) return;
        var parent = await LoadInstanceAsync(instance.Command, parentId, ct);
        var caller = parent.FindToken(parentTokenId);
        if (caller is null) return;
        var node = parent.Model.Node(caller.ElementId);
        parent.SetVariables(MapVariables(node.CallOut, instance.Variables, instance.Entity.BusinessKey), node.Id);
        caller.Status = TokenStatus.Ready;
        caller.BookmarkId = null;
        await LeaveAsync(parent, caller, node, ct);
    }
}
