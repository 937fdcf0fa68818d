using System.Text.Json.Nodes;

namespace Mediation.Workflows.Execution;

/// <summary>What an instance is doing now: its tokens and the scopes they run in. Stored as JSON on the instance row.</summary>
internal sealed class InstanceState
{
    public List<Token> Tokens { get; set; } = [];

    /// <summary>Child scopes (embedded subprocesses, multi-instance bodies and items); the root scope's id is the instance id.</summary>
    public List<Scope> Scopes { get; set; } = [];
}

internal enum TokenStatus
{
    Ready,
    /// <summary>At a wait state: a user or receive task, a catch event, an event-based gateway.</summary>
    Waiting,
    /// <summary>Held at a joining gateway until its siblings arrive; not a wait state a person or event ends.</summary>
    Joining,
    /// <summary>At a subprocess, call activity or multi-instance activity while what runs inside it goes on.</summary>
    InScope,
    /// <summary>Stopped by an incident; a retry runs the element again.</summary>
    Failed,
}

/// <summary>A token: one thread of control sitting at (or about to run) one element, in one scope.</summary>
internal sealed class Token
{
    public Guid Id { get; set; }
    public required string ElementId { get; set; }
    public Guid ScopeId { get; set; }
    public TokenStatus Status { get; set; }
    /// <summary>The wait the token is parked on: a user task's id, or a called instance's id.</summary>
    public Guid? BookmarkId { get; set; }
    /// <summary>The token runs one item of a multi-instance activity: it does not fan out again, and completes its item.</summary>
    public bool IsItem { get; set; }
    /// <summary>The activity's boundary timers and message subscriptions exist (rows keyed by this token's id).</summary>
    public bool BoundariesArmed { get; set; }
    /// <summary>The activity's camunda:inputParameter values: local to it, gone when it completes.</summary>
    public JsonObject? Locals { get; set; }
}

internal enum ScopeKind { SubProcess, MultiInstanceBody, MultiInstanceItem }

internal sealed class Scope
{
    public Guid Id { get; set; }
    public Guid ParentId { get; set; }
    public ScopeKind Kind { get; set; }
    /// <summary>The subprocess or multi-instance activity the scope belongs to.</summary>
    public required string ElementId { get; set; }
    /// <summary>The token in the parent scope that sits at <see cref="ElementId"/> while the scope runs.</summary>
    public Guid OwnerTokenId { get; set; }
    /// <summary>Local variables: loopCounter and the element variable of an item; the nrOf* counts of a body.</summary>
    public JsonObject Variables { get; set; } = [];
    /// <summary>A multi-instance body's items still to start (sequential) and its collection.</summary>
    public int NextItem { get; set; }
    public JsonArray? Collection { get; set; }
}
