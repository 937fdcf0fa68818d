namespace Mediation.Workflows.Bpmn.Validation;

/// <summary>Checks over the whole flow graph: what no token can reach, and loops no token can leave by waiting.</summary>
internal static class GraphChecks
{
    public static void Unreachable(ProcessModel process, List<Finding> findings)
    {
        var reached = new HashSet<string>();
        var pending = new Stack<string>();
        foreach (var node in process.Nodes.Where(IsEntry)) pending.Push(node.Id);
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            if (!reached.Add(id)) continue;
            foreach (var flow in process.Outgoing(id)) pending.Push(flow.TargetRef);
            foreach (var boundary in process.BoundaryEventsOf(id)) pending.Push(boundary.Id);
            foreach (var child in process.ChildrenOf(id).Where(IsEntry)) pending.Push(child.Id);
        }
        foreach (var node in process.Nodes.Where(n => !reached.Contains(n.Id)))
        {
            if (node.ParentId is not null && !reached.Contains(node.ParentId)) continue;   // reported at its subprocess
            findings.Add(Finding.Warning("unreachable",
                $"No sequence flow leads to '{node.Id}': it can never run.", node.Id, node.Position));
        }
    }

    // Entry points: start events; an activity without incoming flow is also started by its scope (BPMN 13.2.2).
    private static bool IsEntry(FlowNode node) => node.Kind == NodeKind.StartEvent;

    /// <summary>A cycle whose every node runs straight through never yields: the instance would spin forever.</summary>
    public static void CyclesWithoutWaitState(ProcessModel process, List<Finding> findings)
    {
        var passThrough = process.Nodes.Where(n => !IsWaitState(n)).Select(n => n.Id).ToHashSet();
        var reported = new HashSet<string>();
        foreach (var cycle in StronglyConnected(process, passThrough))
        {
            if (cycle.Count == 1 && !process.Outgoing(cycle[0]).Any(f => f.TargetRef == cycle[0])) continue;
            var at = cycle.Select(process.Node).OrderBy(n => n.IsGateway ? 0 : 1).ThenBy(n => n.Position.Line).First();
            if (!reported.Add(at.Id)) continue;
            findings.Add(Finding.Warning("cycle-without-wait-state",
                $"The loop through {string.Join(", ", cycle.Order())} has no wait state: if its conditions keep it looping it never stops.",
                at.Id, at.Position));
        }
    }

    private static bool IsWaitState(FlowNode node) => node.Kind is NodeKind.UserTask or NodeKind.ReceiveTask
        or NodeKind.IntermediateCatchEvent or NodeKind.EventBasedGateway or NodeKind.SubProcess or NodeKind.CallActivity;

    // Tarjan's algorithm, iterative so that a hostile graph cannot overflow the stack.
    private static List<List<string>> StronglyConnected(ProcessModel process, HashSet<string> within)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var onStack = new HashSet<string>();
        var stack = new Stack<string>();
        var result = new List<List<string>>();
        var counter = 0;
        foreach (var root in within)
        {
            if (index.ContainsKey(root)) continue;
            var work = new Stack<(string Node, IEnumerator<string> Next)>();
            Visit(root);
            while (work.Count > 0)
            {
                var (node, next) = work.Peek();
                if (next.MoveNext())
                {
                    var target = next.Current;
                    if (!index.ContainsKey(target)) Visit(target);
                    else if (onStack.Contains(target)) low[node] = Math.Min(low[node], index[target]);
                    continue;
                }
                work.Pop();
                if (work.Count > 0) low[work.Peek().Node] = Math.Min(low[work.Peek().Node], low[node]);
                if (low[node] != index[node]) continue;
                var component = new List<string>();
                string member;
                do { member = stack.Pop(); onStack.Remove(member); component.Add(member); } while (member != node);
                result.Add(component);
            }

            void Visit(string node)
            {
                index[node] = low[node] = counter++;
                stack.Push(node);
                onStack.Add(node);
                var targets = process.Outgoing(node).Select(f => f.TargetRef).Where(within.Contains).ToList();
                work.Push((node, targets.GetEnumerator()));
            }
        }
        return result;
    }
}
