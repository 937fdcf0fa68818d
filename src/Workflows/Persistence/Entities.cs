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
    public string? FormKey { get; set; }
    public int Priority { get; set; } = 50;
    public UserTaskStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? FollowUpAt { get; set; }
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
