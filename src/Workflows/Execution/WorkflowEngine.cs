using System.Text.Json;
using System.Text.Json.Nodes;
using Mediation.Workflows.Definitions;
using Mediation.Workflows.Journal;
using Mediation.Workflows.Persistence;
using Mediation.Workflows.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Mediation.Workflows.Execution;

internal sealed partial class WorkflowEngine(
    IWorkflowDbFactory databases,
    GroupCommit groupCommit,
    HotRows rows,
    DeploymentService deployments,
    DefinitionCache definitions,
    TokenRunner runner,
    TimerSchedule schedule,
    ITimerScheduler scheduler,
    EngineOptions options,
    Expressions.CalendarSource calendars,
    ProvisionalDeadlines provisional,
    TimeProvider clock) : IWorkflowEngine
{
    public Task<DeploymentResult> DeployAsync(byte[] content, string? resourceName, CancellationToken cancellationToken = default)
        => deployments.DeployAsync(content, resourceName, cancellationToken);

    public async Task<IReadOnlyList<ProcessDefinitionView>> ListDefinitionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var rows = await db.ProcessDefinitions.AsNoTracking().ToListAsync(cancellationToken);
        return rows.OrderBy(d => d.Key).ThenByDescending(d => d.Version).Select(ToView).ToList();
    }

    public async Task<ProcessDefinitionView?> GetDefinitionAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var row = await db.ProcessDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        return row is null ? null : ToView(row);
    }

    public async Task<ProcessDefinitionView?> GetLatestDefinitionAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var row = await db.ProcessDefinitions.AsNoTracking().Where(d => d.Key == key).OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToView(row);
    }

    public async Task<ProcessInstanceView> StartAsync(StartRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        await OpenAsync(db, cancellationToken);
        if (request.InstanceId is { } requested && await rows.InstanceAsync(db, requested, cancellationToken) is { } existing)
        {
            // Started before (a retry after a crash or a lost answer): that instance, not a second one.
            var existingState = JsonSerializer.Deserialize<InstanceState>(existing.StateJson, Json.Options) ?? new();
            return ToView(existing, await WaitingAsync(db, existing.Id, existingState, cancellationToken),
                JsonNode.Parse(existing.VariablesJson) as JsonObject ?? [], []);
        }
        var definition = await rows.LatestDefinitionAsync(db, request.DefinitionKey, cancellationToken)
            ?? throw new WorkflowNotFoundException($"No process with key '{request.DefinitionKey}' is deployed.");
        var model = definitions.GetProcess(db, definition.Id, definition.Key);
        var start = model.NoneStartEvent(null)
            ?? throw new WorkflowNotFoundException($"Process '{definition.Key}' has no none start event to start from.");

        var command = new CommandContext(db, clock.GetUtcNow(), request.Actor);
        var context = StartInstance(command, definition, model, start, request.BusinessKey, request.Variables, instanceId: request.InstanceId);
        await CommitAsync(command, cancellationToken);
        return ToView(context.Entity, await WaitingAsync(db, context.Id, context.State, cancellationToken), context.Variables,
            command.OpenCreatedTasks());
    }

    /// <summary>A new instance with a token at <paramref name="start"/>, which the command's run moves on.</summary>
    private static InstanceContext StartInstance(CommandContext command, DefinitionRef definition, Bpmn.ProcessModel model,
        Bpmn.FlowNode start, string? businessKey, IReadOnlyDictionary<string, JsonNode?>? variables, object? trigger = null,
        Guid? instanceId = null)
    {
        var instance = new ProcessInstanceEntity
        {
            Id = instanceId ?? Guid.CreateVersion7(), DefinitionId = definition.Id, DefinitionKey = definition.Key, DefinitionVersion = definition.Version,
            BusinessKey = businessKey, Status = InstanceStatus.Running, StartedAt = command.Now, StartedBy = command.Actor,
        };
        command.Db.ProcessInstances.Add(instance);
        var context = new InstanceContext(command, instance, model) { Changed = true };
        command.Instances[instance.Id] = context;
        context.Journal(JournalKinds.InstanceStarted, start.Id, trigger is null
            ? new { definitionKey = definition.Key, definitionVersion = definition.Version, businessKey }
            : new { definitionKey = definition.Key, definitionVersion = definition.Version, businessKey, trigger });
        context.SetVariables(variables, start.Id);
        context.State.Tokens.Add(new Token { Id = Guid.CreateVersion7(), ElementId = start.Id, ScopeId = instance.Id, Status = TokenStatus.Ready });
        return context;
    }

    public async Task<TaskCompletion> CompleteTaskAsync(CompleteTaskRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        await OpenAsync(db, cancellationToken);
        if (request.OperationId is { } operationId
            && await db.Operations.AsNoTracking().FirstOrDefaultAsync(o => o.OperationId == operationId, cancellationToken) is { } earlier)
        {
            return TaskCompletion.Only(Enum.Parse<TaskOutcome>(earlier.Outcome));   // a retried request gets the first answer, and nothing runs twice
        }
        var task = await rows.TaskAsync(db, request.TaskId, cancellationToken);
        if (task is null) return TaskCompletion.Only(TaskOutcome.NotFound);
        if (task.Status != UserTaskStatus.Open) return TaskCompletion.Only(TaskOutcome.AlreadyEnded);
        if (request.ExpectedRevision is { } expected && expected != task.Revision) return TaskCompletion.Only(TaskOutcome.StaleRevision);

        var command = new CommandContext(db, clock.GetUtcNow(), request.Actor);
        var instance = await runner.LoadInstanceAsync(command, task.InstanceId, cancellationToken);
        if (instance.Entity.Status == InstanceStatus.Suspended) return TaskCompletion.Only(TaskOutcome.InstanceSuspended);
        var token = instance.State.Tokens.FirstOrDefault(t => t.BookmarkId == task.Id);
        if (token is null)
        {
            // Another completion committed between our two reads: the task is ended now, which is a lost race, not a fault.
            await db.Entry(task).ReloadAsync(cancellationToken);
            if (task.Status != UserTaskStatus.Open) return TaskCompletion.Only(TaskOutcome.AlreadyEnded);
            throw new InvalidOperationException($"Task {task.Id} is open but no token waits on it.");
        }
        task.Status = UserTaskStatus.Completed;
        task.EndedAt = command.Now;
        task.CompletedBy = request.Actor;
        task.Revision++;
        instance.Journal(JournalKinds.TaskCompleted, task.ElementId, new { taskId = task.Id });
        instance.SetVariables(request.Variables, task.ElementId);
        token.Status = TokenStatus.Ready;
        token.BookmarkId = null;
        await runner.LeaveAsync(instance, token, instance.Model.Node(token.ElementId), cancellationToken);
        if (request.OperationId is { } id)
        {
            db.Operations.Add(new OperationEntity { OperationId = id, Kind = "CompleteTask", Outcome = nameof(TaskOutcome.Completed), At = command.Now });
        }
        await CommitAsync(command, cancellationToken);
        return new TaskCompletion(TaskOutcome.Completed, command.OpenCreatedTasks());
    }

    public async Task<ProcessInstanceView?> GetInstanceAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var instance = await db.ProcessInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (instance is null) return null;
        var state = JsonSerializer.Deserialize<InstanceState>(instance.StateJson, Json.Options) ?? new();
        var waiting = await WaitingAsync(db, instance.Id, state, cancellationToken);
        return ToView(instance, waiting, JsonNode.Parse(instance.VariablesJson) as JsonObject ?? [], []);
    }

    public async Task<IReadOnlyList<JournalEntryView>> GetJournalAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var rows = await db.Journal.AsNoTracking().Where(e => e.InstanceId == instanceId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return rows.Select(e => new JournalEntryView(e.Id, e.At, e.Kind, e.ElementId, e.Actor,
            e.Data is null ? null : JsonNode.Parse(e.Data))).ToList();
    }

    public Task<IReadOnlyList<UserTaskView>> ListTasksAsync(TaskQuery query, CancellationToken cancellationToken = default)
        => TaskQueries.ListAsync(databases, query, clock.GetUtcNow(), cancellationToken);

    public Task<UserTaskView?> GetTaskAsync(Guid id, CancellationToken cancellationToken = default)
        => TaskQueries.GetAsync(databases, id, clock.GetUtcNow(), cancellationToken);

    public Task<IReadOnlyList<string>> ListTaskBusinessKeysAsync(TaskQuery query, CancellationToken cancellationToken = default)
        => TaskQueries.BusinessKeysAsync(databases, query, clock.GetUtcNow(), cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> CountAssignedTasksAsync(IReadOnlyCollection<string> users, CancellationToken cancellationToken = default)
        => TaskQueries.CountAssignedAsync(databases, users, cancellationToken);

    public async Task<int> MarkOverdueTasksAsync(CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var now = clock.GetUtcNow();
        var due = await db.UserTasks
            .Where(t => t.Status == UserTaskStatus.Open && t.OverdueSince == null && t.DueAt != null && t.DueAt < now)
            .OrderBy(t => t.DueAt)
            .Take(500)
            .ToListAsync(cancellationToken);
        var journal = new List<JournalEntryEntity>(due.Count);
        foreach (var task in due)
        {
            task.OverdueSince = now;
            journal.Add(new JournalEntryEntity
            {
                InstanceId = task.InstanceId, At = now, Kind = JournalKinds.TaskOverdue, ElementId = task.ElementId,
                Data = JsonSerializer.Serialize(new { taskId = task.Id, dueAt = task.DueAt }, Json.Options),
            });
        }
        await SaveAsync(db, cancellationToken, journal);
        return due.Count;
    }

    /// <summary>
    /// One connection for the command's reads and its commit where the database takes several writers; with one
    /// (SQLite) the commit goes through the group commit's own connection and the reads may need none (HotRows).
    /// </summary>
    private Task OpenAsync(WorkflowDbContext db, CancellationToken ct) => databases.SingleWriter ? Task.CompletedTask : db.Database.OpenConnectionAsync(ct);

    /// <summary>Runs the tokens, writes every loaded instance back, commits once, then hands new timers to the scheduler.</summary>
    private async Task CommitAsync(CommandContext command, CancellationToken ct)
    {
        await runner.RunAsync(command, ct);
        command.Flush();
        await SaveAsync(command.Db, ct, command.JournalEntries);
        HandOverTimers(command);
    }

    /// <summary>After the commit: the scheduler drops the jobs of cancelled timers and schedules the new pending ones.</summary>
    private void HandOverTimers(CommandContext command)
    {
        foreach (var id in command.CancelledTimers) scheduler.Cancel(id);
        foreach (var timer in command.ScheduledTimers.Where(t => t.Status == TimerStatus.Pending)) scheduler.Schedule(timer.Id, timer.DueAt);
    }

    /// <summary>
    /// Writes a command's changes and journal in one transaction. A single-writer database (SQLite) goes through the
    /// group commit, which shares one transaction and fsync among the commands that finish together; the others let
    /// EF save and the server order concurrent writers.
    /// </summary>
    private async Task SaveAsync(WorkflowDbContext db, CancellationToken ct, IReadOnlyList<JournalEntryEntity>? journal = null)
    {
        if (databases.SingleWriter)
        {
            await groupCommit.CommitAsync(ChangeSet.Capture(db, journal ?? []));
            return;
        }
        try
        {
            if (journal is not { Count: > 0 })
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await ChangeSet.Capture(db, journal).WriteAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new ConcurrencyConflictException("Someone else changed this instance first; reload and try again.", e);
        }
    }

    /// <summary>Where tokens wait: this instance's waiting tokens and, recursively, those of the instances it called.</summary>
    private static async Task<List<string>> WaitingAsync(WorkflowDbContext db, Guid instanceId, InstanceState state, CancellationToken ct)
    {
        var waiting = state.Tokens.Where(t => t.Status == TokenStatus.Waiting).Select(t => t.ElementId).ToList();
        var called = state.Tokens.Where(t => t.Status == TokenStatus.InScope && t.BookmarkId is not null).Select(t => t.BookmarkId!.Value).ToList();
        if (called.Count == 0) return waiting;
        var children = await db.ProcessInstances.AsNoTracking().Where(i => called.Contains(i.Id)).ToListAsync(ct);
        foreach (var child in children)
        {
            var childState = JsonSerializer.Deserialize<InstanceState>(child.StateJson, Json.Options) ?? new();
            waiting.AddRange(await WaitingAsync(db, child.Id, childState, ct));
        }
        return waiting;
    }

    internal static ProcessDefinitionView ToView(ProcessDefinitionEntity d)
        => new(d.Id, d.Key, d.Version, d.Name, d.ResourceName, d.DeployedAt, d.Xml);

    private static ProcessInstanceView ToView(ProcessInstanceEntity i, IReadOnlyList<string> waiting, JsonObject variables,
        IReadOnlyList<TaskRef> newTasks)
        => new(i.Id, i.DefinitionId, i.DefinitionKey, i.DefinitionVersion, i.BusinessKey, i.Status.ToString(),
            waiting, variables, i.StartedAt, i.EndedAt, i.Revision, newTasks);
}
