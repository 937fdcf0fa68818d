using Mediation.Workflows.Bpmn;

namespace Mediation.Workflows.Execution;

/// <summary>Exclusive, parallel and inclusive gateways, with Camunda 7's semantics.</summary>
internal sealed partial class TokenRunner
{
    /// <summary>
    /// The first outgoing flow (in file order) whose condition holds, a flow without condition counting as true;
    /// else the default flow; else an incident: a case must never stop silently at a gateway.
    /// </summary>
    private void LeaveExclusive(InstanceContext instance, Token token, FlowNode node)
    {
        var variables = instance.VariablesAt(token.ScopeId);
        var outgoing = instance.Model.Outgoing(node.Id).ToList();
        var chosen = outgoing.FirstOrDefault(f => f.Id != node.DefaultFlowId
            && (f.Condition is null || Holds(instance, node.Id, f.Condition, variables, f.Id)))
            ?? outgoing.FirstOrDefault(f => f.Id == node.DefaultFlowId);
        if (chosen is null)
        {
            RaiseIncident(instance, token, "NoOutgoingFlow", $"No outgoing sequence flow of the exclusive gateway '{node.Id}' can be taken: no condition holds and there is no default flow.");
            return;
        }
        Continue(instance, token, node, [chosen]);
    }

    /// <summary>Waits for one token per incoming flow, then forks along every outgoing flow (conditions are ignored).</summary>
    private void JoinParallel(InstanceContext instance, Token token, FlowNode node)
    {
        var expected = instance.Model.Incoming(node.Id).Count();
        var arrived = instance.State.Tokens
            .Where(t => t.ElementId == node.Id && t.ScopeId == token.ScopeId && t.Status == TokenStatus.Joining)
            .ToList();
        if (arrived.Count + 1 < expected)
        {
            token.Status = TokenStatus.Joining;
            return;
        }
        foreach (var sibling in arrived.Take(Math.Max(expected - 1, 0))) instance.State.Tokens.Remove(sibling);
        Continue(instance, token, node, instance.Model.Outgoing(node.Id).ToList());
    }

    /// <summary>An inclusive gateway joins only the tokens that can still arrive; it forks along every flow whose condition holds.</summary>
    private void ArriveAtInclusive(InstanceContext instance, Token token, FlowNode node)
    {
        if (instance.Model.Incoming(node.Id).Count() > 1 && CanStillArrive(instance, node.Id, token.ScopeId, token.Id))
        {
            token.Status = TokenStatus.Joining;
            return;
        }
        foreach (var sibling in instance.State.Tokens
            .Where(t => t.ElementId == node.Id && t.ScopeId == token.ScopeId && t.Status == TokenStatus.Joining).ToList())
        {
            instance.State.Tokens.Remove(sibling);
        }
        ForkInclusive(instance, token, node);
    }

    private void ForkInclusive(InstanceContext instance, Token token, FlowNode node)
    {
        var variables = instance.VariablesAt(token.ScopeId);
        var outgoing = instance.Model.Outgoing(node.Id).ToList();
        var taken = outgoing.Where(f => f.Id != node.DefaultFlowId
            && (f.Condition is null || Holds(instance, node.Id, f.Condition, variables, f.Id))).ToList();
        if (taken.Count == 0) taken.AddRange(outgoing.Where(f => f.Id == node.DefaultFlowId));
        if (taken.Count == 0)
        {
            RaiseIncident(instance, token, "NoOutgoingFlow", $"No outgoing sequence flow of the inclusive gateway '{node.Id}' can be taken: no condition holds and there is no default flow.");
            return;
        }
        Continue(instance, token, node, taken);
    }

    /// <summary>After the ready tokens are done, a held inclusive join whose other paths have all ended may go on.</summary>
    private bool ReleaseInclusiveJoins(CommandContext command)
    {
        foreach (var instance in command.Instances.Values)
        {
            var held = instance.State.Tokens.FirstOrDefault(t => t.Status == TokenStatus.Joining
                && instance.Model.Node(t.ElementId).Kind == NodeKind.InclusiveGateway
                && !CanStillArrive(instance, t.ElementId, t.ScopeId, t.Id));
            if (held is null) continue;
            held.Status = TokenStatus.Ready;
            return true;
        }
        return false;
    }

    /// <summary>Whether a token of the scope, other than those already at the gateway, has a path to it.</summary>
    private static bool CanStillArrive(InstanceContext instance, string gatewayId, Guid scopeId, Guid except)
        => instance.State.Tokens.Any(t => t.Id != except && t.ScopeId == scopeId && t.ElementId != gatewayId
            && t.Status != TokenStatus.Failed && Reachability.Of(instance.Model).Reaches(t.ElementId, gatewayId));

    /// <summary>Leaves a gateway along flows it chose itself (no activity conditions, no boundary events).</summary>
    private void Continue(InstanceContext instance, Token token, FlowNode node, List<SequenceFlow> flows)
    {
        instance.Journal(Journal.JournalKinds.ElementLeft, node.Id);
        instance.State.Tokens.Remove(token);
        foreach (var flow in flows)
        {
            instance.State.Tokens.Add(new Token { Id = Guid.CreateVersion7(), ElementId = flow.TargetRef, ScopeId = token.ScopeId, Status = TokenStatus.Ready });
        }
    }
}

/// <summary>Which elements can reach which, within a scope, along flows and boundary events; computed once per model.</summary>
internal sealed class Reachability
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ProcessModel, Reachability> Cache = new();
    private readonly ProcessModel model;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HashSet<string>> reachable = new();

    private Reachability(ProcessModel model) => this.model = model;

    public static Reachability Of(ProcessModel model) => Cache.GetValue(model, m => new Reachability(m));

    public bool Reaches(string from, string to) => reachable.GetOrAdd(from, Walk).Contains(to);

    private HashSet<string> Walk(string start)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([start]);
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            foreach (var flow in model.Outgoing(id)) if (seen.Add(flow.TargetRef)) pending.Push(flow.TargetRef);
            foreach (var boundary in model.BoundaryEventsOf(id)) if (seen.Add(boundary.Id)) pending.Push(boundary.Id);
        }
        return seen;
    }
}
