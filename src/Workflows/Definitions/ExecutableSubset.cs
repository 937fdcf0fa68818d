using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Bpmn.Validation;

namespace Mediation.Workflows.Definitions;

/// <summary>
/// The elements this engine version runs. The reader knows the whole BPMN subset of ARCHITECTURE §4; an element
/// the executor cannot run yet is refused at deployment with a finding, never left to fail at run time.
/// </summary>
internal static class ExecutableSubset
{
    public static IEnumerable<Finding> Check(BpmnDocument document)
    {
        foreach (var process in document.ExecutableProcesses)
        {
            foreach (var node in process.Nodes)
            {
                if (Refusal(node) is { } reason)
                {
                    yield return Finding.Error("not-executable-yet",
                        $"'{node.Id}' ({Describe(node)}) is not run by this engine version yet: {reason}.", node.Id, node.Position);
                }
            }
        }
    }

    private static string? Refusal(FlowNode node) => node.Kind switch
    {
        NodeKind.StartEvent when node.Trigger is not (EventTrigger.None or EventTrigger.Timer or EventTrigger.Message) && node.ParentId is null =>
            "a process starts by none, timer or message start events only",
        NodeKind.IntermediateThrowEvent when node.Trigger != EventTrigger.None => "only none intermediate throw events run",
        _ when node.Inputs.Concat(node.Outputs).Any(p => p.Value is null) =>
            "camunda:inputParameter/outputParameter values must be text or ${...}; lists, maps and scripts are not run",
        NodeKind.ScriptTask when node.ScriptFormat?.ToLowerInvariant() is not ("javascript" or "js" or "ecmascript") =>
            $"scriptFormat '{node.ScriptFormat}' is not run; scripts are JavaScript (javascript, js or ecmascript)",
        _ => null,
    };

    private static string Describe(FlowNode node)
    {
        var kind = char.ToLowerInvariant(node.Kind.ToString()[0]) + node.Kind.ToString()[1..];
        if (node.MultiInstance is not null) return "multi-instance " + kind;
        return node.Trigger == EventTrigger.None ? kind : $"{node.Trigger.ToString().ToLowerInvariant()} {kind}";
    }
}
