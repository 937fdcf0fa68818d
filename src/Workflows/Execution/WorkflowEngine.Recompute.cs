using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Workflows.Execution;

/// <summary>Provisional deadlines counted again once the calendar covers the year they were missing.</summary>
internal sealed partial class WorkflowEngine
{
    // A busy instance may win the race against the recomputation a few times; what is left over is found again by the next refresh.
    private const int RecomputeAttempts = 3;

    /// <summary>
    /// Every open task and pending timer whose first missing year the calendar now covers, one instance per command
    /// (so a conflict costs one instance, not the pass). Safe to run on several processes at once: a command finds only
    /// what is still provisional when it reads, and the instance's revision lets one of two commands win.
    /// </summary>
    private async Task<DeadlineRecount> RecomputeProvisionalDeadlinesAsync(string? actor, CancellationToken ct)
    {
        var covered = calendars.Current.Years.ToList();
        List<Guid> instances;
        List<Guid> startTimers;
        await using (var db = databases.Create())
        {
            var fromTasks = await ProvisionalTasks(db, covered).Select(t => t.InstanceId).Distinct().ToListAsync(ct);
            var timers = await ProvisionalTimers(db, covered).Select(t => new { t.Id, t.InstanceId }).ToListAsync(ct);
            instances = fromTasks.Concat(timers.Where(t => t.InstanceId != Guid.Empty).Select(t => t.InstanceId)).Distinct().ToList();
            startTimers = timers.Where(t => t.InstanceId == Guid.Empty).Select(t => t.Id).ToList();
        }
        var recount = DeadlineRecount.None;
        foreach (var id in instances) recount = recount.Add(await WithRetriesAsync(() => RecomputeInstanceAsync(id, covered, actor, ct)));
        foreach (var id in startTimers) recount = recount.Add(await WithRetriesAsync(() => RecomputeStartTimerAsync(id, covered, ct)));
        return recount;
    }

    private static IQueryable<UserTaskEntity> ProvisionalTasks(WorkflowDbContext db, List<int> covered)
        => db.UserTasks.Where(t => t.Status == UserTaskStatus.Open && t.ProvisionalYear != null && covered.Contains(t.ProvisionalYear.Value));

    private static IQueryable<TimerEntity> ProvisionalTimers(WorkflowDbContext db, List<int> covered)
        => db.Timers.Where(t => t.Status == TimerStatus.Pending && t.ProvisionalYear != null && covered.Contains(t.ProvisionalYear.Value));

    private static async Task<DeadlineRecount> WithRetriesAsync(Func<Task<DeadlineRecount>> recompute)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await recompute();
            }
            catch (ConcurrencyConflictException) when (attempt < RecomputeAttempts)
            {
            }
            catch (ConcurrencyConflictException)
            {
                return DeadlineRecount.None;
            }
        }
    }

    private async Task<DeadlineRecount> RecomputeInstanceAsync(Guid instanceId, List<int> covered, string? actor, CancellationToken ct)
    {
        await using var db = databases.Create();
        await db.Database.OpenConnectionAsync(ct);
        var tasks = await ProvisionalTasks(db, covered).Where(t => t.InstanceId == instanceId).ToListAsync(ct);
        var timers = await ProvisionalTimers(db, covered).Where(t => t.InstanceId == instanceId).ToListAsync(ct);
        if (tasks.Count == 0 && timers.Count == 0) return DeadlineRecount.None;   // another command got there first
        var command = new CommandContext(db, clock.GetUtcNow(), actor);
        var instance = await runner.LoadInstanceAsync(command, instanceId, ct);
        foreach (var task in tasks) provisional.RecomputeTask(instance, task);
        var still = tasks.Count(t => t.DueProvisional || t.FollowUpProvisional);
        foreach (var timer in timers)
        {
            var next = provisional.RecomputeTimer(instance, timer);
            if ((next ?? timer).ProvisionalYear is not null) still++;
        }
        await CommitAsync(command, ct);
        return new DeadlineRecount(tasks.Count, timers.Count, still);
    }

    private async Task<DeadlineRecount> RecomputeStartTimerAsync(Guid timerId, List<int> covered, CancellationToken ct)
    {
        await using var db = databases.Create();
        var timer = await ProvisionalTimers(db, covered).FirstOrDefaultAsync(t => t.Id == timerId, ct);
        if (timer is null) return DeadlineRecount.None;
        var key = await db.ProcessDefinitions.Where(d => d.Id == timer.DefinitionId).Select(d => d.Key).FirstAsync(ct);
        var model = definitions.GetProcess(db, timer.DefinitionId!.Value, key);
        var command = new CommandContext(db, clock.GetUtcNow(), "calendar");
        var next = provisional.RecomputeStartTimer(command, model.Node(timer.ElementId), timer);
        await SaveAsync(db, ct);   // the timer's status is its concurrency token: of two processes, one replaces it
        HandOverTimers(command);
        return new DeadlineRecount(0, 1, (next ?? timer).ProvisionalYear is null ? 0 : 1);
    }
}
