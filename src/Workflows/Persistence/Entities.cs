namespace Mediation.Workflows.Persistence;

/// <summary>One deployed version of a process (by its BPMN process id, the key).</summary>
public sealed class ProcessDefinitionEntity
{
    public Guid Id { get; set; }
    public required string Key { get; set; }
    public int Version { get; set; }
    public string? Name { get; set; }
    public string? ResourceName { get; set; }
    /// <summary>SHA-256 of the whole XML: identical XML is not deployed again.</summary>
    public required string Hash { get; set; }
    public required string Xml { get; set; }
    public DateTimeOffset DeployedAt { get; set; }
}

public enum InstanceStatus { Running, Suspended, Completed, Cancelled }

public sealed class ProcessInstanceEntity
{
    public Guid Id { get; set; }
    public Guid DefinitionId { get; set; }
    public required string DefinitionKey { get; set; }
    public int DefinitionVersion { get; set; }
    public string? BusinessKey { get; set; }
    public InstanceStatus Status { get; set; }
    /// <summary>Process variables as one JSON object.</summary>
    public string VariablesJson { get; set; } = "{}";
    /// <summary>The tokens and scopes (<see cref="Execution.InstanceState"/>) as JSON: what the instance is doing now.</summary>
    public string StateJson { get; set; } = "{}";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? StartedBy { get; set; }
    /// <summary>The calling instance and its token at the call activity, for an instance started by a call activity.</summary>
    public Guid? ParentInstanceId { get; set; }
    public Guid? ParentTokenId { get; set; }
    /// <summary>Optimistic concurrency token: every command that changes the instance bumps it.</summary>
    public int Revision { get; set; }
}

public enum UserTaskStatus { Open, Completed, Cancelled }

public sealed class UserTaskEntity
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ElementId { get; set; }
    public string? Name { get; set; }
    public Guid TokenId { get; set; }
    public string? Assignee { get; set; }
    /// <summary>Comma-separated, as Camunda writes them.</summary>
    public string? CandidateGroups { get; set; }
    public string? CandidateUsers { get; set; }
    /// <summary>Where the task belongs (<see cref="Execution.ITaskScopeResolver"/>): its candidate groups reach only those who hold them there.</summary>
    public string? Scope { get; set; }
    public string? FormKey { get; set; }
    public int Priority { get; set; } = 50;
    public UserTaskStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Orders tasks created in one command (same CreatedAt) as the command created them.</summary>
    public int Sequence { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? FollowUpAt { get; set; }
    /// <summary>The due date was counted through a year without a holiday notice (weekends only): a guess until that year is added.</summary>
    public bool DueProvisional { get; set; }
    /// <summary>As <see cref="DueProvisional"/>, for the follow-up date.</summary>
    public bool FollowUpProvisional { get; set; }
    /// <summary>
    /// The first year without a holiday notice that a provisional date of this task counted through: once the calendar
    /// covers it, the dates are recomputed. Null when no date is provisional, or when one can no longer be recomputed.
    /// </summary>
    public int? ProvisionalYear { get; set; }
    /// <summary>Set by the overdue sweep once the due time has passed with the task still open.</summary>
    public DateTimeOffset? OverdueSince { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? CompletedBy { get; set; }
    /// <summary>Bumped by claim and completion, so a stale client can be told (expectedRevision).</summary>
    public int Revision { get; set; }
}

public sealed class JournalEntryEntity
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Kind { get; set; }
    public string? ElementId { get; set; }
    public string? Actor { get; set; }
    /// <summary>Details as JSON (task id, variable old and new values, error text...).</summary>
    public string? Data { get; set; }
}

public enum TimerStatus { Pending, Fired, Cancelled }

/// <summary>
/// A pending timer, written in the transaction that creates it. Whoever fires it (Hangfire in the Host, the scenario
/// runner's virtual clock) calls the engine, which fires it only while it is still Pending and due.
/// </summary>
public sealed class TimerEntity
{
    public Guid Id { get; set; }
    /// <summary>The instance the timer belongs to; <see cref="Guid.Empty"/> for a timer start event, which has none yet.</summary>
    public Guid InstanceId { get; set; }
    /// <summary>For a timer start event (kind Start): the definition version whose start event it is.</summary>
    public Guid? DefinitionId { get; set; }
    public required string ElementId { get; set; }
    /// <summary>The token the timer belongs to: the activity's token for a boundary timer, the waiting token otherwise.</summary>
    public Guid TokenId { get; set; }
    public required string Kind { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public TimerStatus Status { get; set; }
    /// <summary>Firings left for a repeating cycle (R3/P1D); null when the timer fires once; -1 repeats forever.</summary>
    public int? RepeatsLeft { get; set; }
    public string? RepeatInterval { get; set; }
    /// <summary>When the timer was armed: the time its expression counts from (a recomputed timer keeps its predecessor's).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
    /// <summary>
    /// The first year without a holiday notice that the due time was counted through (weekends only); null when the due
    /// time is final. Once the calendar covers that year the timer is recomputed: cancelled, and a new one armed.
    /// </summary>
    public int? ProvisionalYear { get; set; }
}

/// <summary>A year's holiday schedule added by an administrator, through configuration or the API (the shipped years are in code).</summary>
public sealed class CalendarYearEntity
{
    public int Year { get; set; }
    /// <summary>The schedule text (<see cref="Expressions.HolidaySchedule"/>), as given.</summary>
    public required string Schedule { get; set; }
    /// <summary><c>configuration</c> or <c>api</c>: a year set through the API is not overwritten by configuration at start-up.</summary>
    public required string Source { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    /// <summary>Bumped by every change: the concurrency token, and what each Host process compares to see that its calendar is out of date.</summary>
    public int Revision { get; set; }
}

/// <summary>A token waiting for a message by name; correlated by the instance's business key.</summary>
public sealed class MessageSubscriptionEntity
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ElementId { get; set; }
    public Guid TokenId { get; set; }
    public required string MessageName { get; set; }
    public string? BusinessKey { get; set; }
    public required string Kind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum IncidentStatus { Open, Resolved }

/// <summary>A step that failed (a handler, an expression, a gateway with no flow to take): it waits here for a retry.</summary>
public sealed class IncidentEntity
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ElementId { get; set; }
    public Guid TokenId { get; set; }
    public required string Kind { get; set; }
    public required string Message { get; set; }
    public IncidentStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
}

/// <summary>The first answer to a client's operation id, so a retried request is answered the same and done once.</summary>
public sealed class OperationEntity
{
    public required string OperationId { get; set; }
    public required string Kind { get; set; }
    public required string Outcome { get; set; }
    public DateTimeOffset At { get; set; }
}
