using System.Xml.Linq;
using Mediation.Workflows.Bpmn.Validation;
using static Mediation.Workflows.Bpmn.BpmnReader;

namespace Mediation.Workflows.Bpmn;

/// <summary>Turns the elements of one <c>definitions</c> into process models, noting what it cannot read.</summary>
internal sealed class ReadContext
{
    /// <summary>Deepest embedded-subprocess nesting executed; deeper models are refused, not recursed into.</summary>
    public const int MaxSubprocessDepth = 32;

    private static readonly Dictionary<string, NodeKind> NodeKinds = new()
    {
        ["startEvent"] = NodeKind.StartEvent,
        ["endEvent"] = NodeKind.EndEvent,
        ["intermediateCatchEvent"] = NodeKind.IntermediateCatchEvent,
        ["intermediateThrowEvent"] = NodeKind.IntermediateThrowEvent,
        ["boundaryEvent"] = NodeKind.BoundaryEvent,
        ["userTask"] = NodeKind.UserTask,
        ["serviceTask"] = NodeKind.ServiceTask,
        ["scriptTask"] = NodeKind.ScriptTask,
        ["receiveTask"] = NodeKind.ReceiveTask,
        ["manualTask"] = NodeKind.ManualTask,
        ["task"] = NodeKind.NoneTask,
        ["exclusiveGateway"] = NodeKind.ExclusiveGateway,
        ["parallelGateway"] = NodeKind.ParallelGateway,
        ["inclusiveGateway"] = NodeKind.InclusiveGateway,
        ["eventBasedGateway"] = NodeKind.EventBasedGateway,
        ["subProcess"] = NodeKind.SubProcess,
        ["callActivity"] = NodeKind.CallActivity,
    };

    /// <summary>Content that describes but does not execute: accepted and ignored.</summary>
    private static readonly HashSet<string> Ignored =
    [
        "documentation", "extensionElements", "laneSet", "textAnnotation", "association", "dataObject",
        "dataObjectReference", "dataStoreReference", "property", "ioSpecification", "dataInputAssociation",
        "dataOutputAssociation", "group", "category", "incoming", "outgoing", "multiInstanceLoopCharacteristics",
        "standardLoopCharacteristics", "potentialOwner", "performer", "humanPerformer", "resourceRole",
        "auditing", "monitoring",
    ];

    private static readonly Dictionary<string, string> UnsupportedDefinitions = new()
    {
        ["signalEventDefinition"] = "signal event",
        ["compensateEventDefinition"] = "compensation event",
        ["escalationEventDefinition"] = "escalation event",
        ["conditionalEventDefinition"] = "conditional event",
        ["linkEventDefinition"] = "link event",
        ["cancelEventDefinition"] = "cancel event",
    };

    private readonly List<Finding> findings;
    private readonly Dictionary<string, string> messageNames = [];
    private readonly Dictionary<string, string?> errorCodes = [];
    private readonly Dictionary<string, SourcePosition> seenIds = [];

    public ReadContext(XElement definitions, List<Finding> findings)
    {
        this.findings = findings;
        foreach (var message in definitions.Elements(BpmnName("message")))
        {
            if ((string?)message.Attribute("id") is { } id) messageNames[id] = (string?)message.Attribute("name") ?? id;
        }
        foreach (var error in definitions.Elements(BpmnName("error")))
        {
            if ((string?)error.Attribute("id") is { } id) errorCodes[id] = (string?)error.Attribute("errorCode");
        }
    }

    public ProcessModel ReadProcess(XElement process)
    {
        var id = (string?)process.Attribute("id") ?? "";
        Register(id, process);
        var nodes = new List<FlowNode>();
        var flows = new List<SequenceFlow>();
        ReadScope(process, null, 0, nodes, flows);
        var executable = string.Equals((string?)process.Attribute("isExecutable"), "true", StringComparison.OrdinalIgnoreCase);
        return new ProcessModel(id, (string?)process.Attribute("name"), executable, PositionOf(process), nodes, flows);
    }

    private void ReadScope(XElement scope, string? scopeId, int depth, List<FlowNode> nodes, List<SequenceFlow> flows)
    {
        var anonymous = 0;
        foreach (var element in scope.Elements())
        {
            if (element.Name.Namespace != ModelNamespace) continue;   // other tools' extensions
            var local = element.Name.LocalName;
            if (local == "sequenceFlow")
            {
                flows.Add(ReadFlow(element, scopeId, ref anonymous));
                continue;
            }
            if (Ignored.Contains(local)) continue;
            var elementId = (string?)element.Attribute("id");
            if (!NodeKinds.TryGetValue(local, out var kind))
            {
                findings.Add(Finding.Error("unsupported-element",
                    $"Unsupported element '{local}': it is outside the executable subset.", elementId, PositionOf(element)));
                continue;
            }
            if (elementId is null)
            {
                findings.Add(Finding.Error("missing-id", $"The '{local}' element has no id.", null, PositionOf(element)));
                continue;
            }
            Register(elementId, element);
            var node = ReadNode(element, elementId, kind, scopeId);
            if (node.TriggeredByEvent)
            {
                findings.Add(Finding.Error("unsupported-element",
                    "Unsupported element (event subprocess): it is outside the executable subset.", elementId, node.Position));
            }
            nodes.Add(node);
            if (kind == NodeKind.SubProcess)
            {
                if (depth + 1 > MaxSubprocessDepth)
                {
                    findings.Add(Finding.Error("nesting-too-deep",
                        $"Subprocesses are nested deeper than {MaxSubprocessDepth} levels.", elementId, node.Position));
                    continue;
                }
                ReadScope(element, elementId, depth + 1, nodes, flows);
            }
        }
    }

    private SequenceFlow ReadFlow(XElement element, string? scopeId, ref int anonymous)
    {
        // Camunda's own files leave flow ids out now and then; the XSD allows it.
        var id = (string?)element.Attribute("id") ?? $"{scopeId ?? "flow"}#{++anonymous}";
        if (element.Attribute("id") is not null) Register(id, element);
        var condition = element.Element(BpmnName("conditionExpression"))?.Value.Trim();
        return new SequenceFlow(id, (string?)element.Attribute("sourceRef") ?? "", (string?)element.Attribute("targetRef") ?? "",
            string.IsNullOrEmpty(condition) ? null : condition, PositionOf(element))
        {
            Name = (string?)element.Attribute("name"),
        };
    }

    private FlowNode ReadNode(XElement element, string id, NodeKind kind, string? scopeId)
    {
        var node = new FlowNode(id, kind, (string?)element.Attribute("name"), PositionOf(element))
        {
            ParentId = scopeId,
            AttachedToRef = (string?)element.Attribute("attachedToRef"),
            CancelActivity = !string.Equals((string?)element.Attribute("cancelActivity"), "false", StringComparison.OrdinalIgnoreCase),
            DefaultFlowId = (string?)element.Attribute("default"),
            CalledElement = (string?)element.Attribute("calledElement"),
            ScriptFormat = (string?)element.Attribute("scriptFormat"),
            Script = element.Element(BpmnName("script"))?.Value,
            TriggeredByEvent = string.Equals((string?)element.Attribute("triggeredByEvent"), "true", StringComparison.OrdinalIgnoreCase),
            Camunda = element.Attributes().Where(a => a.Name.Namespace == CamundaNamespace)
                .ToDictionary(a => a.Name.LocalName, a => a.Value),
            MultiInstance = ReadMultiInstance(element),
        };
        node = ReadEventDefinition(element, node);
        node = ReadInputOutput(element, node);
        return ReadPotentialOwner(element, node);
    }

    private FlowNode ReadEventDefinition(XElement element, FlowNode node)
    {
        foreach (var definition in element.Elements().Where(e => e.Name.Namespace == ModelNamespace))
        {
            var local = definition.Name.LocalName;
            if (UnsupportedDefinitions.TryGetValue(local, out var what))
            {
                findings.Add(Finding.Error("unsupported-element",
                    $"Unsupported element ({what} on {element.Name.LocalName}): it is outside the executable subset.",
                    node.Id, node.Position));
                continue;
            }
            switch (local)
            {
                case "timerEventDefinition":
                    node = node with { Trigger = EventTrigger.Timer, Timer = ReadTimer(definition) };
                    break;
                case "messageEventDefinition":
                    node = node with { Trigger = EventTrigger.Message, MessageName = ResolveMessage(definition, node) };
                    break;
                case "errorEventDefinition":
                    node = node with
                    {
                        Trigger = EventTrigger.Error,
                        ErrorCode = ResolveError(definition),
                        ErrorCodeVariable = (string?)definition.Attribute(XName.Get("errorCodeVariable", CamundaNamespace)),
                        ErrorMessageVariable = (string?)definition.Attribute(XName.Get("errorMessageVariable", CamundaNamespace)),
                    };
                    break;
                case "terminateEventDefinition":
                    node = node with { Trigger = EventTrigger.Terminate };
                    break;
            }
        }
        if (node.Kind == NodeKind.ReceiveTask && element.Attribute("messageRef") is not null)
        {
            node = node with { MessageName = ResolveMessage(element, node) };
        }
        return node;
    }

    private static TimerSpec? ReadTimer(XElement definition)
    {
        foreach (var (name, type) in new[] { ("timeDuration", TimerType.Duration), ("timeDate", TimerType.Date), ("timeCycle", TimerType.Cycle) })
        {
            if (definition.Element(BpmnName(name)) is { } value) return new TimerSpec(type, value.Value.Trim());
        }
        return null;
    }

    private string? ResolveMessage(XElement definition, FlowNode node)
    {
        var reference = (string?)definition.Attribute("messageRef");
        if (reference is null) return null;
        if (messageNames.TryGetValue(reference, out var name)) return name;
        findings.Add(Finding.Error("message-ref-missing",
            $"The message reference '{reference}' names no <message> in this file.", node.Id, PositionOf(definition)));
        return reference;
    }

    // As in Camunda 7: an errorRef that names no <error> is the error code itself.
    private string? ResolveError(XElement definition)
    {
        var reference = (string?)definition.Attribute("errorRef");
        if (reference is null) return null;
        return errorCodes.TryGetValue(reference, out var code) ? code ?? reference : reference;
    }

    private static MultiInstanceSpec? ReadMultiInstance(XElement element)
    {
        var loop = element.Element(BpmnName("multiInstanceLoopCharacteristics"));
        if (loop is null) return null;
        var collection = (string?)loop.Attribute(XName.Get("collection", CamundaNamespace))
            ?? loop.Element(BpmnName("loopDataInputRef"))?.Value.Trim();
        var elementVariable = (string?)loop.Attribute(XName.Get("elementVariable", CamundaNamespace))
            ?? (string?)loop.Element(BpmnName("inputDataItem"))?.Attribute("name")
            ?? (string?)loop.Element(BpmnName("inputDataItem"))?.Attribute("id");
        return new MultiInstanceSpec(
            string.Equals((string?)loop.Attribute("isSequential"), "true", StringComparison.OrdinalIgnoreCase),
            loop.Element(BpmnName("loopCardinality"))?.Value.Trim(),
            collection,
            elementVariable,
            loop.Element(BpmnName("completionCondition"))?.Value.Trim());
    }

    private static FlowNode ReadInputOutput(XElement element, FlowNode node)
    {
        var extensions = element.Element(BpmnName("extensionElements"));
        if (extensions is null) return node;
        static CallMapping Mapping(XElement m) => new((string?)m.Attribute("source"), (string?)m.Attribute("sourceExpression"),
            (string?)m.Attribute("target"), (string?)m.Attribute("variables") == "all", m.Attribute("businessKey") is not null);
        node = node with
        {
            CallIn = extensions.Elements(XName.Get("in", CamundaNamespace)).Select(Mapping).ToList(),
            CallOut = extensions.Elements(XName.Get("out", CamundaNamespace)).Select(Mapping).ToList(),
        };
        var io = extensions.Element(XName.Get("inputOutput", CamundaNamespace));
        if (io is null) return node;
        static IoParameter Parameter(XElement p) => new((string?)p.Attribute("name") ?? "", p.HasElements ? null : p.Value);
        return node with
        {
            Inputs = io.Elements(XName.Get("inputParameter", CamundaNamespace)).Select(Parameter).ToList(),
            Outputs = io.Elements(XName.Get("outputParameter", CamundaNamespace)).Select(Parameter).ToList(),
        };
    }

    // Standard BPMN: <potentialOwner><resourceAssignmentExpression><formalExpression>group(a), user(b)</...>
    private static FlowNode ReadPotentialOwner(XElement element, FlowNode node)
    {
        var expressions = element.Elements(BpmnName("potentialOwner"))
            .Select(o => o.Element(BpmnName("resourceAssignmentExpression"))?.Element(BpmnName("formalExpression"))?.Value)
            .Where(v => !string.IsNullOrWhiteSpace(v));
        var groups = new List<string>();
        var users = new List<string>();
        foreach (var part in expressions.SelectMany(e => e!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (part.StartsWith("group(", StringComparison.Ordinal) && part.EndsWith(')')) groups.Add(part[6..^1].Trim());
            else if (part.StartsWith("user(", StringComparison.Ordinal) && part.EndsWith(')')) users.Add(part[5..^1].Trim());
            else groups.Add(part);   // Camunda reads a bare name as a group
        }
        return groups.Count == 0 && users.Count == 0 ? node : node with { PotentialOwnerGroups = groups, PotentialOwnerUsers = users };
    }

    private void Register(string id, XElement element)
    {
        if (string.IsNullOrEmpty(id)) return;
        var at = PositionOf(element);
        if (!seenIds.TryAdd(id, at))
        {
            findings.Add(Finding.Error("duplicate-id",
                $"The id '{id}' is used more than once (first at line {seenIds[id].Line}).", id, at));
        }
    }
}
