namespace Mediation.Workflows.Journal;

/// <summary>The kinds of journal entry: the case timeline is built from these.</summary>
public static class JournalKinds
{
    public const string InstanceStarted = "InstanceStarted";
    public const string InstanceCompleted = "InstanceCompleted";
    public const string ElementEntered = "ElementEntered";
    public const string ElementLeft = "ElementLeft";
    public const string TaskCreated = "TaskCreated";
    public const string TaskCompleted = "TaskCompleted";
    public const string TaskOverdue = "TaskOverdue";
    public const string VariableChanged = "VariableChanged";
    public const string DefinitionDeployed = "DefinitionDeployed";
    public const string TaskCancelled = "TaskCancelled";
    public const string TaskClaimed = "TaskClaimed";
    public const string TaskUnclaimed = "TaskUnclaimed";
    public const string InstanceCancelled = "InstanceCancelled";
    public const string InstanceSuspended = "InstanceSuspended";
    public const string InstanceResumed = "InstanceResumed";
    public const string IncidentRaised = "IncidentRaised";
    public const string IncidentResolved = "IncidentResolved";
    public const string TimerFired = "TimerFired";
    public const string MessageReceived = "MessageReceived";
    public const string ErrorThrown = "ErrorThrown";
    public const string ErrorCaught = "ErrorCaught";
    public const string TokenCancelled = "TokenCancelled";
    /// <summary>A deadline was counted through a year without a holiday notice: which one, its value and the years missing.</summary>
    public const string DeadlineProvisional = "DeadlineProvisional";
    /// <summary>A provisional deadline was counted again once the calendar knew more: its old and new value.</summary>
    public const string DeadlineRecomputed = "DeadlineRecomputed";
}
