using Mediation.Workflows.Execution;
using Mediation.Workflows.Expressions;

namespace Mediation.Host.Features.Cases.Records;

/// <summary>
/// Time for the records, in the engine's zone and on the engine's own date arithmetic and working-day calendar, so that a
/// window the API checks ends exactly where the process's <c>legalDays</c> or <c>workdays</c> timer would. Instants come
/// out in UTC (PostgreSQL stores only UTC offsets); <see cref="Format"/> writes them in the zone for the process.
/// </summary>
public sealed class RecordClock(TimeProvider time, EngineOptions options, CalendarSource calendars)
{
    private readonly Deadlines deadlines = new(TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone));

    public DateTimeOffset Now() => time.GetUtcNow();

    public DateOnly Today() => LocalDate(Now());

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, deadlines.Zone).DateTime);

    /// <summary>ISO 8601 in the zone (<c>2026-04-01T10:00:00+08:00</c>), as the process's date variables are written.</summary>
    public string Format(DateTimeOffset instant) => deadlines.Format(instant);

    /// <summary>A date (midnight in the zone), a local date-time, or one with an offset; null when it does not read.</summary>
    public DateTimeOffset? ReadInstant(string text)
    {
        try
        {
            return deadlines.Parse(text).ToUniversalTime();
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The last moment (23:59:59.999 in the zone) of <paramref name="date"/>: a deadline "by that day" is open all of it.</summary>
    public DateTimeOffset EndOfDay(DateOnly date)
    {
        var local = date.ToDateTime(new TimeOnly(23, 59, 59, 999), DateTimeKind.Unspecified);
        return new DateTimeOffset(local, deadlines.Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary><c>legalDays(start, days)</c>: the end of a statutory period (CPL 85), and the years it counted without a holiday notice.</summary>
    public (DateTimeOffset End, IReadOnlyCollection<int> UnscheduledYears) LegalDays(DateTimeOffset start, int days)
    {
        var reading = new CalendarReading(calendars.Current);
        return (deadlines.LegalPeriodEnd(reading, start, days).ToUniversalTime(), reading.UnscheduledYears);
    }

    /// <summary><c>addWorkdays(from, days)</c> on the business calendar.</summary>
    public (DateTimeOffset At, IReadOnlyCollection<int> UnscheduledYears) AddWorkdays(DateTimeOffset from, int days)
    {
        var reading = new CalendarReading(calendars.Current);
        return (deadlines.AddWorkdays(reading, from, days).ToUniversalTime(), reading.UnscheduledYears);
    }
}
