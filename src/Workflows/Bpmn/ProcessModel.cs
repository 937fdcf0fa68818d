namespace Mediation.Workflows.Bpmn;

/// <summary>Where an element starts in its BPMN file (1-based).</summary>
public sealed record SourcePosition(int Line, int Column)
{
    public static readonly SourcePosition None = new(0, 0);
}

public enum NodeKind
{
    StartEvent,
    EndEvent,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    BoundaryEvent,
    UserTask,
    ServiceTask,
    ScriptTask,
    ReceiveTask,
    ManualTask,
    NoneTask,
    ExclusiveGateway,
    ParallelGateway,
    InclusiveGateway,
    EventBasedGateway,
    SubProcess,
    CallActivity,
}

/// <summary>The event definition an event carries (none when it carries nothing).</summary>
public enum EventTrigger { None, Timer, Message, Error, Terminate }

public enum TimerType { Duration, Date, Cycle }

public sealed record TimerSpec(TimerType Type, string Expression);

public sealed record MultiInstanceSpec(
    bool IsSequential,
    string? LoopCardinality,
    string? Collection,
    string? ElementVariable,
    string? CompletionCondition);

/// <summary>A camunda:in or camunda:out of a call activity: one variable (source → target), an expression, or all variables.</summary>
public sealed record CallMapping(string? Source, string? SourceExpression, string? Target, bool All, bool BusinessKey);

/// <summary>A camunda:inputParameter or camunda:outputParameter: a name and an expression or literal text.</summary>
public sealed record IoParameter(string Name, string? Value);

/// <summary>A node of a process graph. Immutable; one instance per BPMN element.</summary>
public sealed record FlowNode(string Id, NodeKind Kind, string? Name, SourcePosition Position)
{
    /// <summary>The embedded subprocess this node sits in; null at process level.</summary>
    public string? ParentId { get; init; }
    public EventTrigger Trigger { get; init; }
    public TimerSpec? Timer { get; init; }
    public string? MessageName { get; init; }
    public string? ErrorCode { get; init; }
    public string? AttachedToRef { get; init; }
    public bool CancelActivity { get; init; } = true;
    public string? DefaultFlowId { get; init; }
    public MultiInstanceSpec? MultiInstance { get; init; }
    public string? Script { get; init; }
    public string? ScriptFormat { get; init; }
    public string? CalledElement { get; init; }
    public bool TriggeredByEvent { get; init; }

    /// <summary>camunda:* attributes by local name (assignee, candidateGroups, dueDate, ...).</summary>
    public IReadOnlyDictionary<string, string> Camunda { get; init; } = EmptyAttributes;
    public IReadOnlyList<IoParameter> Inputs { get; init; } = [];
    public IReadOnlyList<IoParameter> Outputs { get; init; } = [];
    public IReadOnlyList<CallMapping> CallIn { get; init; } = [];
    public IReadOnlyList<CallMapping> CallOut { get; init; } = [];
    /// <summary>camunda:errorCodeVariable and camunda:errorMessageVariable of an error event definition.</summary>
    public string? ErrorCodeVariable { get; init; }
    public string? ErrorMessageVariable { get; init; }
    /// <summary>Candidate groups and users from a standard potentialOwner expression.</summary>
    public IReadOnlyList<string> PotentialOwnerGroups { get; init; } = [];
    public IReadOnlyList<string> PotentialOwnerUsers { get; init; } = [];

    public string? CamundaAttribute(string name) => Camunda.TryGetValue(name, out var v) ? v : null;

    public bool IsActivity => Kind is NodeKind.UserTask or NodeKind.ServiceTask or NodeKind.ScriptTask
        or NodeKind.ReceiveTask or NodeKind.ManualTask or NodeKind.NoneTask or NodeKind.SubProcess or NodeKind.CallActivity;

    public bool IsGateway => Kind is NodeKind.ExclusiveGateway or NodeKind.ParallelGateway
        or NodeKind.InclusiveGateway or NodeKind.EventBasedGateway;

    private static readonly IReadOnlyDictionary<string, string> EmptyAttributes = new Dictionary<string, string>();
}

public sealed record SequenceFlow(string Id, string SourceRef, string TargetRef, string? Condition, SourcePosition Position)
{
    public string? Name { get; init; }
}

/// <summary>One BPMN process: its nodes (flattened over subprocesses) and flows, with lookups built once.</summary>
public sealed class ProcessModel
{
    private readonly Dictionary<string, FlowNode> nodes;
    private readonly Dictionary<string, SequenceFlow> flows;
    private readonly ILookup<string, SequenceFlow> outgoing;
    private readonly ILookup<string, SequenceFlow> incoming;
    private readonly ILookup<string, FlowNode> boundaries;
    private readonly ILookup<string, FlowNode> children;

    public ProcessModel(string id, string? name, bool isExecutable, SourcePosition position,
        IReadOnlyList<FlowNode> nodes, IReadOnlyList<SequenceFlow> flows)
    {
        Id = id;
        Name = name;
        IsExecutable = isExecutable;
        Position = position;
        Nodes = nodes;
        Flows = flows;
        this.nodes = nodes.GroupBy(n => n.Id).ToDictionary(g => g.Key, g => g.First());
        this.flows = flows.GroupBy(f => f.Id).ToDictionary(g => g.Key, g => g.First());
        outgoing = flows.ToLookup(f => f.SourceRef);
        incoming = flows.ToLookup(f => f.TargetRef);
        boundaries = nodes.Where(n => n.Kind == NodeKind.BoundaryEvent && n.AttachedToRef is not null)
            .ToLookup(n => n.AttachedToRef!);
        children = nodes.ToLookup(n => n.ParentId ?? string.Empty);
    }

    public string Id { get; }
    public string? Name { get; }
    public bool IsExecutable { get; }
    public SourcePosition Position { get; }
    public IReadOnlyList<FlowNode> Nodes { get; }
    public IReadOnlyList<SequenceFlow> Flows { get; }

    public FlowNode? FindNode(string id) => nodes.GetValueOrDefault(id);
    public FlowNode Node(string id) => nodes.TryGetValue(id, out var n) ? n
        : throw new KeyNotFoundException($"Process '{Id}' has no element '{id}'.");
    public SequenceFlow? FindFlow(string id) => flows.GetValueOrDefault(id);
    public IEnumerable<SequenceFlow> Outgoing(string nodeId) => outgoing[nodeId];
    public IEnumerable<SequenceFlow> Incoming(string nodeId) => incoming[nodeId];
    public IEnumerable<FlowNode> BoundaryEventsOf(string activityId) => boundaries[activityId];

    /// <summary>The nodes directly inside a scope: the process (null) or an embedded subprocess id.</summary>
    public IEnumerable<FlowNode> ChildrenOf(string? scopeId) => children[scopeId ?? string.Empty];

    /// <summary>The none start event of a scope, the one a token enters by.</summary>
    public FlowNode? NoneStartEvent(string? scopeId) => ChildrenOf(scopeId)
        .FirstOrDefault(n => n.Kind == NodeKind.StartEvent && n.Trigger == EventTrigger.None && !n.TriggeredByEvent);

    /// <summary>The process's own start events of one trigger (timer or message): each starts a new instance.</summary>
    public IEnumerable<FlowNode> StartEvents(EventTrigger trigger) => ChildrenOf(null)
        .Where(n => n.Kind == NodeKind.StartEvent && n.Trigger == trigger && !n.TriggeredByEvent);
}

/// <summary>A parsed BPMN file: its processes and what the reader found wrong on the way.</summary>
public sealed record BpmnDocument(IReadOnlyList<ProcessModel> Processes, IReadOnlyList<Validation.Finding> Findings)
{
    public IEnumerable<ProcessModel> ExecutableProcesses => Processes.Where(p => p.IsExecutable);
}
