namespace Mediation.Workflows.Persistence;

/// <summary>Creates a fresh context for one command, whatever the provider's derived context type.</summary>
public interface IWorkflowDbFactory
{
    WorkflowDbContext Create();
}
