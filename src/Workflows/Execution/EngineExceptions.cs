namespace Mediation.Workflows.Execution;

/// <summary>Someone else changed the instance between this command's read and its commit (a lost race).</summary>
public sealed class ConcurrencyConflictException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A request names something the engine does not have (a process key, an instance).</summary>
public sealed class WorkflowNotFoundException(string message) : Exception(message);

/// <summary>A definition cannot be deployed; the findings say why.</summary>
public sealed class InvalidDefinitionException(IReadOnlyList<Bpmn.Validation.Finding> findings)
    : Exception("The BPMN definition is not valid: " + string.Join("; ", findings.Select(f => f.Message)))
{
    public IReadOnlyList<Bpmn.Validation.Finding> Findings { get; } = findings;
}
