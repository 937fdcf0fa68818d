namespace Mediation.Workflows.Timers;

/// <summary>A clock that moves only when told to: the scenario runner's time.</summary>
public sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void MoveTo(DateTimeOffset at)
    {
        if (at < now) throw new ArgumentOutOfRangeException(nameof(at), "The virtual clock never runs backwards.");
        now = at.ToUniversalTime();
    }
}
