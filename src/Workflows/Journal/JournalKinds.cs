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
}
