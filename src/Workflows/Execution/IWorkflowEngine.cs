using System.Text.Json.Nodes;
using Mediation.Workflows.Bpmn.Validation;

namespace Mediation.Workflows.Execution;

/// <summary>
/// The engine's public commands and queries. Each command loads what it needs, runs every token until it
/// waits or ends, and commits in one transaction with optimistic concurrency on the instance.
/// </summary>
public interface IWorkflowEngine
{
    /// <summary>Validates and stores a BPMN file; identical XML is not deployed again.</summary>
    Task<DeploymentResult> DeployAsync(byte[] content, string? resourceName, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ProcessDefinitionView>> ListDefinitionsAsync(CancellationToken cancellationToken = default);

    Task<ProcessDefinitionView?> GetDefinitionAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The newest version of a process, or null when none is deployed under that key.</summary>
    Task<ProcessDefinitionView?> GetLatestDefinitionAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts the latest version of a process. With <see cref="StartRequest.InstanceId"/> the start is idempotent: when
    /// an instance with that id exists already it is returned (with no new tasks) and nothing is started.
    /// </summary>
    Task<ProcessInstanceView> StartAsync(StartRequest request, CancellationToken cancellationToken = default);

    Task<ProcessInstanceView?> GetInstanceAsync(Guid id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JournalEntryView>> GetJournalAsync(Guid instanceId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UserTaskView>> ListTasksAsync(TaskQuery query, CancellationToken cancellationToken = default);

    Task<UserTaskView?> GetTaskAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The distinct business keys of the open tasks <paramref name="query"/> selects (its limit applies to the keys).</summary>
    Task<IReadOnlyList<string>> ListTaskBusinessKeysAsync(TaskQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many open tasks each of <paramref name="users"/> holds as assignee (a user with none is absent).</summary>
    Task<IReadOnlyDictionary<string, int>> CountAssignedTasksAsync(IReadOnlyCollection<string> users, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes an open user task, sets its variables on the instance and moves the token on. The result names the
    /// tasks the completion created, so a client can go on without asking for them.
    /// </summary>
    Task<TaskCompletion> CompleteTaskAsync(CompleteTaskRequest request, CancellationToken cancellationToken = default);

    /// <summary>Makes the user the task's assignee (Completed means done; StaleRevision: someone else holds it).</summary>
    Task<TaskOutcome> ClaimTaskAsync(Guid taskId, string user, int? expectedRevision, CancellationToken cancellationToken = default);

    /// <summary>Gives a claimed task back to its candidates.</summary>
    Task<TaskOutcome> UnclaimTaskAsync(Guid taskId, string user, CancellationToken cancellationToken = default);

    /// <summary>Flags open tasks whose due time has passed; returns how many were newly flagged.</summary>
    Task<int> MarkOverdueTasksAsync(CancellationToken cancellationToken = default);

    /// <summary>Fires one timer if it is still pending and due (safe to call twice: the second call does nothing).</summary>
    Task<TimerOutcome> FireTimerAsync(Guid timerId, CancellationToken cancellationToken = default);

    /// <summary>Fires every pending timer due by now, in due order; returns how many fired.</summary>
    Task<int> FireDueTimersAsync(CancellationToken cancellationToken = default);

    /// <summary>The earliest pending timer's due time, or null when none is pending.</summary>
    Task<DateTimeOffset?> NextTimerDueAsync(CancellationToken cancellationToken = default);

    /// <summary>Pending timers (id and due time), for a scheduler that lost track of them (start-up, a restored backup).</summary>
    Task<IReadOnlyList<(Guid Id, DateTimeOffset DueAt)>> PendingTimersAsync(CancellationToken cancellationToken = default);

    /// <summary>Pending timers that fell due before <paramref name="before"/> and have not fired: their job was lost or is late.</summary>
    Task<IReadOnlyList<(Guid Id, DateTimeOffset DueAt)>> OverdueTimersAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default);

    /// <summary>Delivers a message to the instance waiting for it (by business key, or the only one waiting).</summary>
    Task<MessageOutcome> CorrelateMessageAsync(MessageRequest request, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<IncidentView>> ListIncidentsAsync(Guid? instanceId, CancellationToken cancellationToken = default);

    /// <summary>Resolves an open incident and runs its element again; a new failure opens a new incident.</summary>
    Task<bool> RetryIncidentAsync(Guid incidentId, string actor, CancellationToken cancellationToken = default);

    /// <summary>Moves a token waiting at a receive task on (a receive task without a message waits for this).</summary>
    Task<InstanceCommandOutcome> TriggerAsync(Guid instanceId, string elementId, string actor,
        IReadOnlyDictionary<string, JsonNode?>? variables, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets process variables on a running or suspended instance without moving a token (journaled as VariableChanged, no
    /// element): for facts recorded outside the process, e.g. the date an agreement took effect. An unchanged value is
    /// left alone, so repeating the call is harmless. Ended instances answer AlreadyEnded.
    /// </summary>
    Task<InstanceCommandOutcome> SetVariablesAsync(Guid instanceId, IReadOnlyDictionary<string, JsonNode?> variables, string actor,
        CancellationToken cancellationToken = default);

    Task<InstanceCommandOutcome> CancelInstanceAsync(Guid instanceId, string actor, CancellationToken cancellationToken = default);

    Task<InstanceCommandOutcome> SuspendInstanceAsync(Guid instanceId, string actor, CancellationToken cancellationToken = default);

    Task<InstanceCommandOutcome> ResumeInstanceAsync(Guid instanceId, string actor, CancellationToken cancellationToken = default);

    /// <summary>The working-day calendar's years (shipped, from configuration, from the API) and the open deadlines still provisional.</summary>
    Task<CalendarView> GetCalendarAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a year's holiday schedule, or replaces one added before (a shipped year cannot be replaced; configuration does
    /// not overwrite a year set through the API). Then every open task and pending timer whose provisional deadline the
    /// calendar now covers is recomputed, each instance in a command of its own.
    /// </summary>
    Task<CalendarYearChange> SetCalendarYearAsync(SetCalendarYearRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads the years stored by any process sharing the database when they changed, then recomputes the provisional
    /// deadlines the calendar now covers (also those another process computed on a calendar it had not yet reloaded).
    /// Cheap when nothing changed: the years' revisions and one indexed query each for tasks and timers.
    /// </summary>
    Task<CalendarRefresh> RefreshCalendarAsync(CancellationToken cancellationToken = default);
}

/// <summary>Where a calendar year comes from.</summary>
public enum CalendarYearSource { Shipped, Configuration, Api }

/// <summary>A year the calendar knows; <see cref="Source"/> is <c>shipped</c>, <c>configuration</c> or <c>api</c>.</summary>
public sealed record CalendarYearView(int Year, string Source, int DaysOff, int MakeUpWorkingDays, string Schedule,
    DateTimeOffset? UpdatedAt, string? UpdatedBy);

/// <summary>The calendar's years, and how many open tasks and pending timers have a deadline that is still provisional.</summary>
public sealed record CalendarView(IReadOnlyList<CalendarYearView> Years, int ProvisionalTasks, int ProvisionalTimers);

public sealed record SetCalendarYearRequest(int Year, string Schedule, CalendarYearSource Source, string? Actor);

public enum CalendarYearOutcome
{
    Added,
    Replaced,
    /// <summary>The year already holds this schedule: nothing was written.</summary>
    Unchanged,
    /// <summary>The schedule does not read: see <see cref="CalendarYearChange.Problems"/>.</summary>
    Invalid,
    /// <summary>The year ships with the engine and cannot be replaced.</summary>
    Shipped,
    /// <summary>Configuration named a year an administrator has set through the API since: the API's schedule stays.</summary>
    KeptFromApi,
}

/// <summary>What setting a year did: the year as stored, the schedule's problems when invalid, and the deadlines recomputed.</summary>
public sealed record CalendarYearChange(CalendarYearOutcome Outcome, CalendarYearView? Year,
    IReadOnlyList<Expressions.ScheduleProblem> Problems, DeadlineRecount Recomputed);

/// <summary>Tasks and timers whose provisional deadline was counted again; of those, how many are still provisional.</summary>
public sealed record DeadlineRecount(int Tasks, int Timers, int StillProvisional)
{
    public static DeadlineRecount None { get; } = new(0, 0, 0);

    public DeadlineRecount Add(DeadlineRecount other) => new(Tasks + other.Tasks, Timers + other.Timers, StillProvisional + other.StillProvisional);
}

/// <summary>Whether the calendar was reloaded from the database, the years it now covers, and the deadlines recomputed.</summary>
public sealed record CalendarRefresh(bool Reloaded, IReadOnlyCollection<int> Years, DeadlineRecount Recomputed);

public enum TimerOutcome { Fired, NotDue, AlreadyHandled, InstanceSuspended }

public sealed record MessageRequest(string Name, string? CorrelationKey, IReadOnlyDictionary<string, JsonNode?>? Variables, string? Actor);

public enum MessageOutcome { Correlated, NoSubscription, Ambiguous }

public sealed record IncidentView(Guid Id, Guid InstanceId, string? BusinessKey, string ElementId, string Kind, string Message,
    string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt);

public enum InstanceCommandOutcome { Done, NotFound, AlreadyEnded, NotSuspended, AlreadySuspended }

public sealed record DeploymentResult(ProcessDefinitionView? Definition, IReadOnlyList<Finding> Findings, bool IsNew)
{
    public bool Succeeded => Definition is not null;
}

public sealed record ProcessDefinitionView(Guid Id, string Key, int Version, string? Name, string? ResourceName,
    DateTimeOffset DeployedAt, string Xml);

/// <param name="InstanceId">The new instance's id, chosen by the caller so that starting twice (a retry after a crash)
/// cannot make two instances: the second start finds the first.</param>
public sealed record StartRequest(string DefinitionKey, string? BusinessKey, IReadOnlyDictionary<string, JsonNode?>? Variables, string? Actor,
    Guid? InstanceId = null);

public sealed record ProcessInstanceView(Guid Id, Guid DefinitionId, string DefinitionKey, int DefinitionVersion,
    string? BusinessKey, string Status, IReadOnlyList<string> Waiting, JsonObject Variables,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int Revision, IReadOnlyList<TaskRef> NewTasks);

/// <summary>A user task a command created and left open (in the instance or in an instance it called).</summary>
public sealed record TaskRef(Guid Id, Guid InstanceId, string ElementId, string? Name);

public sealed record JournalEntryView(long Id, DateTimeOffset At, string Kind, string? ElementId, string? Actor, JsonNode? Data);

public sealed record UserTaskView(Guid Id, Guid InstanceId, string? BusinessKey, string DefinitionKey, string ElementId,
    string? Name, string? Assignee, IReadOnlyList<string> CandidateGroups, IReadOnlyList<string> CandidateUsers,
    string Status, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, DateTimeOffset? FollowUpAt, bool IsOverdue,
    int Priority, string? FormKey, int Revision, bool DueProvisional = false, bool FollowUpProvisional = false, bool IsDueSoon = false,
    string? Scope = null)
{
    /// <summary>How far ahead a due date makes a task due soon (the inbox's amber rows).</summary>
    public static readonly TimeSpan DueSoonWindow = TimeSpan.FromHours(24);

    /// <summary>Whether a date of this task was counted through a year the working-day calendar does not know yet (weekends only).</summary>
    public bool DeadlineProvisional => DueProvisional || FollowUpProvisional;
}

/// <summary>Which tasks to list: the user's own and offered tasks, or every open task with <see cref="SeeAll"/>.</summary>
public sealed record TaskQuery
{
    public string? User { get; init; }
    /// <summary>The user's candidate groups, offering them the tasks that carry no scope (<see cref="UserTaskView.Scope"/>).</summary>
    public IReadOnlyCollection<string> Groups { get; init; } = [];
    /// <summary>Where the user holds each group, offering them a scoped task of that group only when its scope starts with the prefix.</summary>
    public IReadOnlyCollection<ScopedGroup> ScopedGroups { get; init; } = [];
    public string? BusinessKey { get; init; }
    /// <summary>Tasks of any of these business keys (several cases in one query); null for any key.</summary>
    public IReadOnlyCollection<string>? BusinessKeys { get; init; }
    public bool SeeAll { get; init; }
    public bool MineOnly { get; init; }
    public bool CandidateOnly { get; init; }
    public bool OverdueOnly { get; init; }
    public Guid? InstanceId { get; init; }
    public int Limit { get; init; } = 200;
}

public sealed record CompleteTaskRequest(Guid TaskId, string Actor, IReadOnlyDictionary<string, JsonNode?>? Variables,
    int? ExpectedRevision = null, string? OperationId = null);

public enum TaskOutcome { Completed, NotFound, AlreadyEnded, StaleRevision, InstanceSuspended }

/// <summary>The outcome of a completion and, when it completed, the user tasks it created (empty for a replayed operation id).</summary>
public sealed record TaskCompletion(TaskOutcome Outcome, IReadOnlyList<TaskRef> NewTasks)
{
    public static TaskCompletion Only(TaskOutcome outcome) => new(outcome, []);
}
