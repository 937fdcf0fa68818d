namespace Mediation.Workflows.Persistence;

/// <summary>Creates a fresh context for one command, whatever the provider's derived context type.</summary>
public interface IWorkflowDbFactory
{
    WorkflowDbContext Create();

    /// <summary>
    /// The database takes one writer at a time (SQLite): the engine then queues its commits in-process instead of
    /// letting them collide on the file lock, whose busy handler sleeps for milliseconds even when the lock is free.
    /// </summary>
    bool SingleWriter => false;
}
