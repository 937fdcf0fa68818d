using System.Text.Json.Nodes;
using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Workflows.Execution;

/// <summary>Variables set from outside a task: a fact recorded elsewhere (an agreement taking effect) that the process reads later.</summary>
internal sealed partial class WorkflowEngine
{
    public async Task<InstanceCommandOutcome> SetVariablesAsync(Guid instanceId, IReadOnlyDictionary<string, JsonNode?> variables, string actor,
        CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        if (!await db.ProcessInstances.AnyAsync(i => i.Id == instanceId, cancellationToken)) return InstanceCommandOutcome.NotFound;
        var command = new CommandContext(db, clock.GetUtcNow(), actor);
        var instance = await runner.LoadInstanceAsync(command, instanceId, cancellationToken);
        if (instance.Entity.Status is InstanceStatus.Completed or InstanceStatus.Cancelled) return InstanceCommandOutcome.AlreadyEnded;
        // Unchanged values journal nothing, so a repeated call (a retry after a lost answer) changes nothing either.
        instance.SetVariables(variables, elementId: null);
        await CommitAsync(command, cancellationToken);
        return InstanceCommandOutcome.Done;
    }
}
