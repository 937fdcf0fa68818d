using Hangfire;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Timers;

namespace Mediation.Host.Infrastructure.Hangfire;

/// <summary>
/// Every minute: a pending timer more than a minute past its due time has lost its job (the scheduler failed after the
/// commit, Hangfire's storage lost it) or waits behind a long queue; it gets a job for now. Firing is idempotent, so a
/// second job for a timer that was only late does nothing.
/// </summary>
public sealed class TimerSweepJob(IWorkflowEngine engine, ITimerScheduler scheduler, TimeProvider clock, ILogger<TimerSweepJob> logger)
{
    public const string Id = "sweep-lost-timers";
    private const int Batch = 1_000;

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lost = await engine.OverdueTimersAsync(now.AddMinutes(-1), Batch, cancellationToken);
        foreach (var (id, _) in lost) scheduler.Schedule(id, now);
        if (lost.Count > 0) logger.LogWarning("Gave {Count} overdue pending timer(s) a job again", lost.Count);
    }
}
