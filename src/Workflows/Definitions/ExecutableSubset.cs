using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Bpmn.Validation;

namespace Mediation.Workflows.Definitions;

/// <summary>
/// The elements this engine version runs. The reader knows the whole BPMN subset of ARCHITECTURE §4; an element
/// the executor cannot run yet is refused at deployment with a finding, never left to fail at run time.
/// </summary>
internal static class ExecutableSubset
{
    private static readonly HashSet<NodeKind> Runnable =
    [
        NodeKind.StartEvent, NodeKind.EndEvent, NodeKind.UserTask, NodeKind.ManualTask, NodeKind.NoneTask,
        NodeKind.IntermediateThrowEvent, NodeKind.ParallelGateway,
    ];

    public static IEnumerable<Finding> Check(BpmnDocument document)
    {
        foreach (var process in document.ExecutableProcesses)
        {
            foreach (var node in process.Nodes)
            {
                var runnable = Runnable.Contains(node.Kind) && node.MultiInstance is null
                    && node.Trigger is EventTrigger.None;
                if (!runnable)
                {
                    yield return Finding.Error("not-executable-yet",
                        $"'{node.Id}' ({Describe(node)}) is not run by this engine version yet.", node.Id, node.Position);
                }
            }
        }
    }

    private static string Describe(FlowNode node)
    {
        var kind = char.ToLowerInvariant(node.Kind.ToString()[0]) + node.Kind.ToString()[1..];
        if (node.MultiInstance is not null) return "multi-instance " + kind;
        return node.Trigger == EventTrigger.None ? kind : $"{node.Trigger.ToString().ToLowerInvariant()} {kind}";
    }
}
