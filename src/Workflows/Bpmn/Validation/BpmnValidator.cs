using Mediation.Workflows.Timers;

namespace Mediation.Workflows.Bpmn.Validation;

/// <summary>
/// Checks a read BPMN document for everything a modeler can get wrong before it is deployed.
/// Findings from the reader (XML, unsupported elements, duplicate ids) come first.
/// </summary>
public sealed class BpmnValidator(IConditionSyntax? conditions = null)
{
    public IReadOnlyList<Finding> Validate(BpmnDocument document)
    {
        var findings = new List<Finding>(document.Findings);
        if (findings.Any(f => f.Code is "xml-empty" or "xml-malformed" or "dtd-forbidden" or "too-large" or "too-deep" or "not-bpmn" or "wrong-root"))
        {
            return findings;
        }
        var executable = document.ExecutableProcesses.ToList();
        if (executable.Count == 0)
        {
            findings.Add(Finding.Error("no-executable-process",
                "The file has no process with isExecutable=\"true\".", null, new(1, 1)));
        }
        foreach (var process in executable) ValidateProcess(process, findings);
        return findings;
    }

    private void ValidateProcess(ProcessModel process, List<Finding> findings)
    {
        if (process.NoneStartEvent(null) is null && !process.ChildrenOf(null).Any(n => n.Kind == NodeKind.StartEvent))
        {
            findings.Add(Finding.Error("no-start-event", $"The executable process '{process.Id}' has no start event.",
                process.Id, process.Position));
        }
        foreach (var flow in process.Flows) ValidateFlow(process, flow, findings);
        foreach (var node in process.Nodes) ValidateNode(process, node, findings);
        GraphChecks.Unreachable(process, findings);
        GraphChecks.CyclesWithoutWaitState(process, findings);
    }

    private void ValidateFlow(ProcessModel process, SequenceFlow flow, List<Finding> findings)
    {
        // A flow touching an element already reported (e.g. unsupported) is not reported a second time.
        bool Reported(string id) => findings.Any(f => f.ElementId == id && f.Severity == Severity.Error);
        if (process.FindNode(flow.SourceRef) is null && !Reported(flow.SourceRef))
        {
            findings.Add(Finding.Error("flow-source-missing",
                $"The sequence flow's source '{flow.SourceRef}' does not exist.", flow.Id, flow.Position));
        }
        if (process.FindNode(flow.TargetRef) is null && !Reported(flow.TargetRef))
        {
            findings.Add(Finding.Error("flow-target-missing",
                $"The sequence flow's target '{flow.TargetRef}' does not exist.", flow.Id, flow.Position));
        }
        if (flow.Condition is { } condition && conditions?.Check(condition) is { } problem)
        {
            findings.Add(Finding.Error("condition-unparsable",
                $"The condition expression does not parse: {problem}", flow.Id, flow.Position));
        }
    }

    private void ValidateNode(ProcessModel process, FlowNode node, List<Finding> findings)
    {
        var outgoing = process.Outgoing(node.Id).ToList();
        if (node.IsGateway && outgoing.Count == 0)
        {
            findings.Add(Finding.Error("gateway-no-outgoing",
                $"The gateway '{node.Id}' has no outgoing sequence flow.", node.Id, node.Position));
        }
        if (node.Kind is NodeKind.ExclusiveGateway or NodeKind.InclusiveGateway && node.DefaultFlowId is null
            && outgoing.Count > 0 && outgoing.All(f => f.Condition is not null))
        {
            findings.Add(Finding.Warning("default-flow-missing",
                $"Every outgoing flow of '{node.Id}' has a condition and there is no default flow: when none holds, the case stops with an incident.",
                node.Id, node.Position));
        }
        if (node.DefaultFlowId is { } defaultFlow && outgoing.All(f => f.Id != defaultFlow))
        {
            findings.Add(Finding.Error("default-flow-not-outgoing",
                $"The default flow '{defaultFlow}' is not an outgoing sequence flow of '{node.Id}'.", node.Id, node.Position));
        }
        if (node.Kind == NodeKind.BoundaryEvent)
        {
            if (node.AttachedToRef is null || process.FindNode(node.AttachedToRef) is not { IsActivity: true })
            {
                findings.Add(Finding.Error("boundary-attached-to-missing",
                    $"The boundary event is attached to '{node.AttachedToRef}', which is not an activity of this process.",
                    node.Id, node.Position));
            }
            if (node.Trigger == EventTrigger.None && !findings.Any(f => f.ElementId == node.Id && f.Code == "unsupported-element"))
            {
                findings.Add(Finding.Error("boundary-without-trigger",
                    "A boundary event needs a timer, message or error definition.", node.Id, node.Position));
            }
        }
        if (node.Kind == NodeKind.CallActivity && string.IsNullOrWhiteSpace(node.CalledElement))
        {
            findings.Add(Finding.Error("call-activity-without-called-element",
                "The call activity has no calledElement.", node.Id, node.Position));
        }
        if (node.Kind == NodeKind.IntermediateCatchEvent && node.Trigger is not (EventTrigger.Timer or EventTrigger.Message))
        {
            findings.Add(Finding.Error("catch-event-without-trigger",
                "An intermediate catch event needs a timer or message definition.", node.Id, node.Position));
        }
        if (node.Trigger == EventTrigger.Timer)
        {
            if (node.Timer is null || TimerExpression.Check(node.Timer) is not null)
            {
                var reason = node.Timer is null ? "no timeDuration, timeDate or timeCycle" : TimerExpression.Check(node.Timer);
                findings.Add(Finding.Error("timer-unparsable",
                    $"The timer definition does not parse: {reason}.", node.Id, node.Position));
            }
        }
        if (node.Kind == NodeKind.ScriptTask && string.IsNullOrWhiteSpace(node.Script))
        {
            findings.Add(Finding.Error("script-missing", "The script task has no script.", node.Id, node.Position));
        }
        if (node.Kind == NodeKind.ServiceTask && node.CamundaAttribute("delegateExpression") is null
            && node.CamundaAttribute("class") is null && node.CamundaAttribute("expression") is null
            && node.CamundaAttribute("topic") is null)
        {
            findings.Add(Finding.Warning("service-without-handler",
                "The service task names no handler (camunda:delegateExpression, camunda:class or camunda:topic); running it raises an incident.",
                node.Id, node.Position));
        }
    }
}

/// <summary>Checks the syntax of a condition expression; returns the problem, or null when it parses.</summary>
public interface IConditionSyntax
{
    string? Check(string expression);
}
