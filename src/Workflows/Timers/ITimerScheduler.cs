namespace Mediation.Workflows.Timers;

/// <summary>
/// Where the engine hands a pending timer after the transaction that created it commits. The Host's
/// implementation schedules a Hangfire job; the scenario runner's virtual clock fires timers itself.
/// Called after the commit, so an implementation must not throw: the command has happened. A timer whose job was
/// not made stays pending in the database, where the Host's sweep finds it (TimerSweepJob).
/// </summary>
public interface ITimerScheduler
{
    void Schedule(Guid timerId, DateTimeOffset dueAt);

    void Cancel(Guid timerId);
}

/// <summary>Schedules nothing: timers are fired by whoever calls <c>FireDueTimersAsync</c> (tests, the scenario runner).</summary>
public sealed class ManualTimerScheduler : ITimerScheduler
{
    public void Schedule(Guid timerId, DateTimeOffset dueAt) { }

    public void Cancel(Guid timerId) { }
}
