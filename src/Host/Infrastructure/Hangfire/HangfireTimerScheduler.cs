using Hangfire;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Timers;

namespace Mediation.Host.Infrastructure.Hangfire;

/// <summary>
/// Hands each committed timer to Hangfire as a delayed job that carries only the timer's id, and remembers the job in
/// Hangfire's own storage (a hash per pending timer), so a timer cancelled with its task takes its job out of the
/// schedule rather than leaving it to run for nothing.
/// </summary>
internal sealed class HangfireTimerScheduler(IBackgroundJobClient jobs, JobStorage storage, ILogger<HangfireTimerScheduler> logger)
    : ITimerScheduler
{
    public void Schedule(Guid timerId, DateTimeOffset dueAt)
    {
        try
        {
            Remember(storage, timerId, jobs.Schedule<FireTimerJob>(job => job.RunAsync(timerId, CancellationToken.None), dueAt));
        }
        catch (Exception e)
        {
            // The command has committed; the timer stays pending and the sweep gives it a job once it is due.
            logger.LogWarning(e, "Timer {TimerId} due {DueAt} got no Hangfire job now; the timer sweep will schedule it", timerId, dueAt);
        }
    }

    public void Cancel(Guid timerId)
    {
        try
        {
            if (JobOf(storage, timerId) is { } jobId) jobs.Delete(jobId);
            Forget(storage, timerId);
        }
        catch (Exception e)
        {
            // Harmless: the job finds the timer no longer pending and does nothing.
            logger.LogWarning(e, "The Hangfire job of cancelled timer {TimerId} was not deleted", timerId);
        }
    }

    internal static void Remember(JobStorage storage, Guid timerId, string jobId)
    {
        using var connection = storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        transaction.SetRangeInHash(Key(timerId), [new("job", jobId)]);
        transaction.Commit();
    }

    internal static string? JobOf(JobStorage storage, Guid timerId)
    {
        using var connection = storage.GetConnection();
        return connection.GetAllEntriesFromHash(Key(timerId))?.GetValueOrDefault("job");
    }

    internal static void Forget(JobStorage storage, Guid timerId)
    {
        using var connection = storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        transaction.RemoveHash(Key(timerId));
        transaction.Commit();
    }

    private static string Key(Guid timerId) => $"mediation:timer:{timerId:N}";
}

/// <summary>Fires one timer. Safe to run twice or early: the engine fires only a pending, due timer.</summary>
public sealed class FireTimerJob(IWorkflowEngine engine, IBackgroundJobClient jobs, JobStorage storage, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid timerId, CancellationToken cancellationToken)
    {
        if (await engine.FireTimerAsync(timerId, cancellationToken) != TimerOutcome.NotDue)
        {
            HangfireTimerScheduler.Forget(storage, timerId);
            return;
        }
        // Hangfire keeps whole seconds and may start a job up to a second early (STACK-NOTES): try again shortly.
        var retry = jobs.Schedule<FireTimerJob>(job => job.RunAsync(timerId, CancellationToken.None), clock.GetUtcNow().AddMilliseconds(500));
        HangfireTimerScheduler.Remember(storage, timerId, retry);
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
