using Hangfire;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Timers;

namespace Mediation.Host.Infrastructure.Hangfire;

/// <summary>Hands each committed timer to Hangfire as a delayed job that carries only the timer's id.</summary>
internal sealed class HangfireTimerScheduler(IBackgroundJobClient jobs) : ITimerScheduler
{
    public void Schedule(Guid timerId, DateTimeOffset dueAt) => jobs.Schedule<FireTimerJob>(job => job.RunAsync(timerId, CancellationToken.None), dueAt);

    // A cancelled timer's job may stay queued: when it runs, the engine finds the timer no longer pending and does nothing.
    public void Cancel(Guid timerId) { }
}

/// <summary>Fires one timer. Safe to run twice or early: the engine fires only a pending, due timer.</summary>
public sealed class FireTimerJob(IWorkflowEngine engine, IBackgroundJobClient jobs, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid timerId, CancellationToken cancellationToken)
    {
        if (await engine.FireTimerAsync(timerId, cancellationToken) != TimerOutcome.NotDue) return;
        // Hangfire keeps whole seconds and may start a job up to a second early (STACK-NOTES): try again shortly.
        jobs.Schedule<FireTimerJob>(job => job.RunAsync(timerId, CancellationToken.None), clock.GetUtcNow().AddMilliseconds(500));
    }
}

/// <summary>At start-up: pending timers whose job may be lost (a crash, a restored backup) get a job again.</summary>
public static class TimerRecovery
{
    public static async Task ReschedulePendingTimersAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var scheduler = services.GetRequiredService<ITimerScheduler>();
        foreach (var (id, dueAt) in await services.GetRequiredService<IWorkflowEngine>().PendingTimersAsync(ct)) scheduler.Schedule(id, dueAt);
    }
}
