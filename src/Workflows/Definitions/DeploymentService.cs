using System.Security.Cryptography;
using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Bpmn.Validation;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Persistence;
using Mediation.Workflows.Timers;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Workflows.Definitions;

/// <summary>Validates BPMN and stores one definition version per executable process it holds.</summary>
internal sealed class DeploymentService(IWorkflowDbFactory databases, DefinitionCache cache, DefinitionChecker checker, TimeProvider clock,
    TimerSchedule schedule, ITimerScheduler scheduler, HotRows rows)
{
    public async Task<DeploymentResult> DeployAsync(byte[] content, string? resourceName, CancellationToken ct)
    {
        var findings = checker.Check(content, out var document);
        if (findings.Any(f => f.Severity == Severity.Error)) return new DeploymentResult(null, findings, false);
        var xml = DefinitionChecker.DecodeUtf8(content, out var encoding);
        if (xml is null) return new DeploymentResult(null, [.. findings, encoding!], false);

        var hash = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
        await using var db = databases.Create();
        var now = clock.GetUtcNow();
        var cancelled = new List<Guid>();
        var scheduled = new List<TimerEntity>();
        var provisional = new List<Finding>();
        ProcessDefinitionEntity? first = null;
        var isNew = false;
        var deployed = new List<ProcessDefinitionEntity>();
        foreach (var process in document.ExecutableProcesses)
        {
            var existing = await db.ProcessDefinitions.AsNoTracking()
                .Where(d => d.Key == process.Id)
                .OrderByDescending(d => d.Version)
                .FirstOrDefaultAsync(ct);
            if (existing is not null && existing.Hash == hash)
            {
                first ??= existing;   // identical XML: the latest version stays
                continue;
            }
            var entity = new ProcessDefinitionEntity
            {
                Id = Guid.CreateVersion7(),
                Key = process.Id,
                Version = (existing?.Version ?? 0) + 1,
                Name = process.Name,
                ResourceName = resourceName,
                Hash = hash,
                Xml = xml,
                DeployedAt = now,
            };
            db.ProcessDefinitions.Add(entity);
            cancelled.AddRange(await CancelStartTimersAsync(db, process.Id, ct));
            var (timers, refused) = StartTimers(db, entity, process, now, provisional);
            if (refused is not null) return new DeploymentResult(null, [.. findings, refused], false);   // nothing saved
            scheduled.AddRange(timers);
            cache.Add(entity.Id, document);
            deployed.Add(entity);
            first ??= entity;
            isNew = true;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new ConcurrencyConflictException("A start timer of the previous version fired or changed meanwhile; deploy again.", e);
        }
        foreach (var entity in deployed) rows.Deployed(DefinitionRef.Of(entity));
        foreach (var id in cancelled) scheduler.Cancel(id);
        foreach (var timer in scheduled) scheduler.Schedule(timer.Id, timer.DueAt);
        return new DeploymentResult(first is null ? null : WorkflowEngine.ToView(first), [.. findings, .. provisional], isNew);
    }

    /// <summary>A new version replaces the old one's timer start events, as in Camunda: the old timers are cancelled.</summary>
    private static async Task<List<Guid>> CancelStartTimersAsync(WorkflowDbContext db, string key, CancellationToken ct)
    {
        var previous = db.ProcessDefinitions.Where(d => d.Key == key).Select(d => (Guid?)d.Id);
        var timers = await db.Timers
            .Where(t => t.Kind == TokenRunner.TimerKinds.Start && t.Status == TimerStatus.Pending && previous.Contains(t.DefinitionId))
            .ToListAsync(ct);
        foreach (var timer in timers) timer.Status = TimerStatus.Cancelled;
        return timers.Select(t => t.Id).ToList();
    }

    /// <summary>One pending timer per timer start event of the new version, due at its first firing.</summary>
    private (List<TimerEntity> Timers, Finding? Refused) StartTimers(WorkflowDbContext db, ProcessDefinitionEntity definition,
        ProcessModel process, DateTimeOffset now, List<Finding> provisional)
    {
        var timers = new List<TimerEntity>();
        foreach (var start in process.StartEvents(EventTrigger.Timer))
        {
            FirstFiring first;
            try
            {
                first = schedule.First(start.Timer!, now, []);   // a start event has no variables yet
            }
            catch (Expressions.ExpressionException e)
            {
                return (timers, Finding.Error("timer-unparsable", $"The timer of start event '{start.Id}' cannot be scheduled: {e.Message}",
                    start.Id, start.Position));
            }
            var timer = first.Timer(Guid.Empty, definition.Id, start.Id, Guid.Empty, TokenRunner.TimerKinds.Start, now);
            db.Timers.Add(timer);
            timers.Add(timer);
            // No instance yet, so no journal: the deployment's answer says it instead.
            if (timer.ProvisionalYear is not null) provisional.Add(ProvisionalStartTimer(start, first));
        }
        return (timers, null);
    }

    private static Finding ProvisionalStartTimer(FlowNode start, FirstFiring first) => Finding.Warning("deadline-provisional",
        $"The timer of start event '{start.Id}' counts through {string.Join(", ", first.UnscheduledYears)}, which the working-day calendar "
        + $"does not know yet: its due time ({first.Due:yyyy-MM-dd HH:mm}Z) counts weekends only, and is recomputed when the year is added.",
        start.Id, start.Position);
}
