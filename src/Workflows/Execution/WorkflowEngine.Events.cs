using Mediation.Workflows.Journal;
using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Workflows.Execution;

/// <summary>The commands that come from outside a person's inbox: timers, messages, incidents, and the instance's own life.</summary>
internal sealed partial class WorkflowEngine
{
    public async Task<TimerOutcome> FireTimerAsync(Guid timerId, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var timer = await db.Timers.FirstOrDefaultAsync(t => t.Id == timerId, cancellationToken);
        // Only from the state the caller expects: a timer fired, cancelled or unknown is left alone (delivery is at least once).
        if (timer is not { Status: TimerStatus.Pending }) return TimerOutcome.AlreadyHandled;
        var command = new CommandContext(db, clock.GetUtcNow(), "timer");
        if (timer.DueAt > command.Now) return TimerOutcome.NotDue;   // Hangfire may start a job up to a second early
        if (timer.Kind == TokenRunner.TimerKinds.Start) return await FireStartTimerAsync(command, timer, cancellationToken);
        var instance = await runner.LoadInstanceAsync(command, timer.InstanceId, cancellationToken);
        if (instance.Entity.Status == InstanceStatus.Suspended) return TimerOutcome.InstanceSuspended;
        timer.Status = TimerStatus.Fired;
        timer.FiredAt = command.Now;
        instance.Journal(JournalKinds.TimerFired, timer.ElementId,
            new { timerId = timer.Id, dueAt = timer.DueAt, kind = timer.Kind, node = options.NodeName });
        var token = instance.FindToken(timer.TokenId);
        if (token is not null && instance.Entity.Status == InstanceStatus.Running)
        {
            if (timer.Kind == TokenRunner.TimerKinds.Retry)
            {
                RetryToken(instance, token, "automatic retry");
            }
            else
            {
                if (timer.Kind == TokenRunner.TimerKinds.Boundary && !instance.Model.Node(timer.ElementId).CancelActivity) runner.Rearm(instance, timer);
                await runner.TriggerAsync(instance, token, timer.ElementId, timer.Kind, cancellationToken);
            }
        }
        await CommitAsync(command, cancellationToken);
        return TimerOutcome.Fired;
    }

    /// <summary>A timer start event: a new instance of its definition version, and the cycle's next timer.</summary>
    private async Task<TimerOutcome> FireStartTimerAsync(CommandContext command, TimerEntity timer, CancellationToken ct)
    {
        timer.Status = TimerStatus.Fired;
        timer.FiredAt = command.Now;
        if (schedule.Rearm(timer, command.Now) is { } next)
        {
            command.Db.Timers.Add(next);
            command.ScheduledTimers.Add(next);
        }
        var definition = await command.Db.ProcessDefinitions.Where(d => d.Id == timer.DefinitionId)
            .Select(d => new DefinitionRef(d.Id, d.Key, d.Version)).FirstAsync(ct);
        var model = definitions.GetProcess(command.Db, definition.Id, definition.Key);
        StartInstance(command, definition, model, model.Node(timer.ElementId), businessKey: null, variables: null,
            new { timerId = timer.Id, dueAt = timer.DueAt, node = options.NodeName });
        await CommitAsync(command, ct);
        return TimerOutcome.Fired;
    }

    public async Task<int> FireDueTimersAsync(CancellationToken cancellationToken = default)
    {
        var fired = 0;
        var skipped = new HashSet<Guid>();
        while (true)
        {
            Guid? next;
            await using (var db = databases.Create())
            {
                var now = clock.GetUtcNow();
                next = await db.Timers.AsNoTracking()
                    .Where(t => t.Status == TimerStatus.Pending && t.DueAt <= now && !skipped.Contains(t.Id))
                    .OrderBy(t => t.DueAt).ThenBy(t => t.CreatedAt)
                    .Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
            }
            if (next is null) return fired;
            if (await FireTimerAsync(next.Value, cancellationToken) == TimerOutcome.Fired) fired++;
            else skipped.Add(next.Value);
        }
    }

    public async Task<DateTimeOffset?> NextTimerDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        return await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatus.Pending)
            .OrderBy(t => t.DueAt).Select(t => (DateTimeOffset?)t.DueAt).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<(Guid Id, DateTimeOffset DueAt)>> PendingTimersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var rows = await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatus.Pending)
            .Select(t => new { t.Id, t.DueAt }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.DueAt)).ToList();
    }

    public async Task<IReadOnlyList<(Guid Id, DateTimeOffset DueAt)>> OverdueTimersAsync(DateTimeOffset before, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var rows = await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatus.Pending && t.DueAt < before)
            .OrderBy(t => t.DueAt).Take(limit).Select(t => new { t.Id, t.DueAt }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.DueAt)).ToList();
    }

    public async Task<MessageOutcome> CorrelateMessageAsync(MessageRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var query = db.MessageSubscriptions.Where(s => s.MessageName == request.Name);
        if (request.CorrelationKey is { } key) query = query.Where(s => s.BusinessKey == key);
        var candidates = await query.OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        if (candidates.Count == 0) return await StartByMessageAsync(db, request, cancellationToken);
        if (request.CorrelationKey is null && candidates.Select(s => s.InstanceId).Distinct().Count() > 1) return MessageOutcome.Ambiguous;
        var subscription = candidates[0];
        var command = new CommandContext(db, clock.GetUtcNow(), request.Actor);
        var instance = await runner.LoadInstanceAsync(command, subscription.InstanceId, cancellationToken);
        if (instance.Entity.Status != InstanceStatus.Running) return MessageOutcome.NoSubscription;
        var token = instance.FindToken(subscription.TokenId);
        if (token is null) return MessageOutcome.NoSubscription;
        instance.Journal(JournalKinds.MessageReceived, subscription.ElementId, new { name = request.Name, correlationKey = request.CorrelationKey });
        instance.SetVariables(request.Variables, subscription.ElementId);
        // A non-interrupting message boundary keeps its subscription while its activity runs: it may fire again.
        await runner.TriggerAsync(instance, token, subscription.ElementId, subscription.Kind, cancellationToken);
        await CommitAsync(command, cancellationToken);
        return MessageOutcome.Correlated;
    }

    /// <summary>
    /// A message no instance waits for starts the latest version of a process whose message start event names it,
    /// with the correlation key as business key (Camunda's correlate). More than one such process is ambiguous.
    /// </summary>
    private async Task<MessageOutcome> StartByMessageAsync(WorkflowDbContext db, MessageRequest request, CancellationToken ct)
    {
        var starts = new List<(DefinitionRef Definition, Bpmn.ProcessModel Model, Bpmn.FlowNode Start)>();
        foreach (var definition in await LatestDefinitionsAsync(db, ct))
        {
            var model = definitions.GetProcess(db, definition.Id, definition.Key);
            starts.AddRange(model.StartEvents(Bpmn.EventTrigger.Message).Where(n => n.MessageName == request.Name).Select(n => (definition, model, n)));
        }
        if (starts.Count == 0) return MessageOutcome.NoSubscription;
        if (starts.Count > 1) return MessageOutcome.Ambiguous;
        var (found, process, start) = starts[0];
        var command = new CommandContext(db, clock.GetUtcNow(), request.Actor);
        StartInstance(command, found, process, start, request.CorrelationKey, request.Variables,
            new { message = request.Name, correlationKey = request.CorrelationKey });
        await CommitAsync(command, ct);
        return MessageOutcome.Correlated;
    }

    /// <summary>The newest version of every deployed process (without its XML: models come from the cache).</summary>
    private static async Task<List<DefinitionRef>> LatestDefinitionsAsync(WorkflowDbContext db, CancellationToken ct)
    {
        var all = await db.ProcessDefinitions.Select(d => new DefinitionRef(d.Id, d.Key, d.Version)).ToListAsync(ct);
        return all.GroupBy(d => d.Key).Select(g => g.MaxBy(d => d.Version)!).ToList();
    }

    public async Task<IReadOnlyList<IncidentView>> ListIncidentsAsync(Guid? instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var query = db.Incidents.AsNoTracking().Where(i => i.Status == IncidentStatus.Open);
        if (instanceId is { } id) query = query.Where(i => i.InstanceId == id);
        var rows = await query
            .Join(db.ProcessInstances, i => i.InstanceId, p => p.Id, (i, p) => new { Incident = i, p.BusinessKey })
            .OrderBy(r => r.Incident.CreatedAt).Take(1000).ToListAsync(cancellationToken);
        return rows.Select(r => new IncidentView(r.Incident.Id, r.Incident.InstanceId, r.BusinessKey, r.Incident.ElementId, r.Incident.Kind,
            r.Incident.Message, r.Incident.Status.ToString(), r.Incident.Attempts, r.Incident.CreatedAt, r.Incident.ResolvedAt)).ToList();
    }

    public async Task<bool> RetryIncidentAsync(Guid incidentId, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId && i.Status == IncidentStatus.Open, cancellationToken);
        if (incident is null) return false;
        var command = new CommandContext(db, clock.GetUtcNow(), actor);
        var instance = await runner.LoadInstanceAsync(command, incident.InstanceId, cancellationToken);
        var token = instance.FindToken(incident.TokenId);
        if (token is null || instance.Entity.Status != InstanceStatus.Running) return false;
        RetryToken(instance, token, actor);
        await CommitAsync(command, cancellationToken);
        return true;
    }

    /// <summary>Resolves the token's open incidents and runs its element again.</summary>
    private static void RetryToken(InstanceContext instance, Token token, string by)
    {
        if (token.Status != TokenStatus.Failed) return;
        TokenRunner.ResolveIncidents(instance, token, by);
        token.Status = TokenStatus.Ready;
    }

    public async Task<InstanceCommandOutcome> CancelInstanceAsync(Guid instanceId, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var command = new CommandContext(db, clock.GetUtcNow(), actor);
        if (!await db.ProcessInstances.AnyAsync(i => i.Id == instanceId, cancellationToken)) return InstanceCommandOutcome.NotFound;
        var instance = await runner.LoadInstanceAsync(command, instanceId, cancellationToken);
        if (instance.Entity.Status is InstanceStatus.Completed or InstanceStatus.Cancelled) return InstanceCommandOutcome.AlreadyEnded;
        await runner.CancelInstanceAsync(instance, continueParent: false, cancellationToken);
        await CommitAsync(command, cancellationToken);
        return InstanceCommandOutcome.Done;
    }

    public Task<InstanceCommandOutcome> SuspendInstanceAsync(Guid instanceId, string actor, CancellationToken cancellationToken = default)
        => ChangeStatusAsync(instanceId, actor, suspend: true, cancellationToken);

    public Task<InstanceCommandOutcome> ResumeInstanceAsync(Guid instanceId, string actor, CancellationToken cancellationToken = default)
        => ChangeStatusAsync(instanceId, actor, suspend: false, cancellationToken);

    /// <summary>A suspended instance takes no task completion, message or timer; on resume its pending timers are scheduled again.</summary>
    private async Task<InstanceCommandOutcome> ChangeStatusAsync(Guid instanceId, string actor, bool suspend, CancellationToken ct)
    {
        await using var db = databases.Create();
        var command = new CommandContext(db, clock.GetUtcNow(), actor);
        if (!await db.ProcessInstances.AnyAsync(i => i.Id == instanceId, ct)) return InstanceCommandOutcome.NotFound;
        var instance = await runner.LoadInstanceAsync(command, instanceId, ct);
        switch (instance.Entity.Status)
        {
            case InstanceStatus.Completed or InstanceStatus.Cancelled: return InstanceCommandOutcome.AlreadyEnded;
            case InstanceStatus.Suspended when suspend: return InstanceCommandOutcome.AlreadySuspended;
            case InstanceStatus.Running when !suspend: return InstanceCommandOutcome.NotSuspended;
        }
        instance.Entity.Status = suspend ? InstanceStatus.Suspended : InstanceStatus.Running;
        instance.Journal(suspend ? JournalKinds.InstanceSuspended : JournalKinds.InstanceResumed, null);
        if (!suspend)
        {
            command.ScheduledTimers.AddRange(await db.Timers.Where(t => t.InstanceId == instanceId && t.Status == TimerStatus.Pending).ToListAsync(ct));
        }
        await CommitAsync(command, ct);
        return InstanceCommandOutcome.Done;
    }
}
