using Mediation.Workflows.Journal;
using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Workflows.Execution;

/// <summary>Claiming and giving back a task: who works it, before it is completed.</summary>
internal sealed partial class WorkflowEngine
{
    public async Task<TaskOutcome> ClaimTaskAsync(Guid taskId, string user, int? expectedRevision, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var task = await db.UserTasks.FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null) return TaskOutcome.NotFound;
        if (task.Status != UserTaskStatus.Open) return TaskOutcome.AlreadyEnded;
        if (expectedRevision is { } expected && expected != task.Revision) return TaskOutcome.StaleRevision;
        if (task.Assignee is { } owner && owner != user) return TaskOutcome.StaleRevision;   // someone else holds it
        task.Assignee = user;
        task.Revision++;
        await SaveAsync(db, cancellationToken, [Entry(task, JournalKinds.TaskClaimed, user)]);
        return TaskOutcome.Completed;
    }

    public async Task<TaskOutcome> UnclaimTaskAsync(Guid taskId, string user, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var task = await db.UserTasks.FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null) return TaskOutcome.NotFound;
        if (task.Status != UserTaskStatus.Open) return TaskOutcome.AlreadyEnded;
        task.Assignee = null;
        task.Revision++;
        await SaveAsync(db, cancellationToken, [Entry(task, JournalKinds.TaskUnclaimed, user)]);
        return TaskOutcome.Completed;
    }

    private JournalEntryEntity Entry(UserTaskEntity task, string kind, string user) => new()
    {
        InstanceId = task.InstanceId, At = clock.GetUtcNow(), Kind = kind, ElementId = task.ElementId, Actor = user,
        Data = System.Text.Json.JsonSerializer.Serialize(new { taskId = task.Id }, Json.Options),
    };
}

/// <summary>Receive tasks that wait for a trigger rather than a message.</summary>
internal sealed partial class WorkflowEngine
{
    public async Task<InstanceCommandOutcome> TriggerAsync(Guid instanceId, string elementId, string actor,
        IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?>? variables, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        if (!await db.ProcessInstances.AnyAsync(i => i.Id == instanceId, cancellationToken)) return InstanceCommandOutcome.NotFound;
        var command = new CommandContext(db, clock.GetUtcNow(), actor);
        var instance = await runner.LoadInstanceAsync(command, instanceId, cancellationToken);
        if (instance.Entity.Status != InstanceStatus.Running) return InstanceCommandOutcome.AlreadyEnded;
        var token = instance.State.Tokens.FirstOrDefault(t => t.ElementId == elementId && t.Status == TokenStatus.Waiting
            && instance.Model.Node(elementId).Kind == Bpmn.NodeKind.ReceiveTask);
        if (token is null) return InstanceCommandOutcome.NotFound;
        instance.SetVariables(variables, elementId);
        await runner.TriggerAsync(instance, token, elementId, TokenRunner.TimerKinds.Catch, cancellationToken);
        await CommitAsync(command, cancellationToken);
        return InstanceCommandOutcome.Done;
    }
}
