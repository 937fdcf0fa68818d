using System.Globalization;
using System.Text.RegularExpressions;

namespace Mediation.Workflows.Expressions;

/// <summary>
/// Date arithmetic of the expression library, always in one time zone (ARCHITECTURE §4: never the server's, never UTC):
/// an instant is turned into that zone's local date and time of day, the date is moved, and the result is written as an
/// ISO 8601 date-time with that zone's offset, e.g. <c>2026-03-02T09:00:00+08:00</c>.
/// </summary>
internal sealed partial class Deadlines(TimeZoneInfo zone)
{
    private static readonly TimeOnly EndOfDay = new(23, 59, 59, 999);

    public TimeZoneInfo Zone => zone;

    public string Format(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var format = local.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.fffzzz";
        return local.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Reads <c>2026-03-02</c> (midnight in the zone), <c>2026-03-02T09:00[:00[.fff]]</c> (a local time in the zone) or
    /// the same with <c>Z</c> or an offset (that instant).
    /// </summary>
    public DateTimeOffset Parse(string text)
    {
        var match = IsoDateTime().Match(text.Trim());
        if (!match.Success) throw new FormatException($"'{text}' is not an ISO 8601 date or date-time");
        var date = DateOnly.ParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var time = match.Groups["time"].Success ? TimeOnly.Parse(match.Groups["time"].Value, CultureInfo.InvariantCulture) : TimeOnly.MinValue;
        if (!match.Groups["offset"].Success) return At(date, time);
        var offset = match.Groups["offset"].Value;
        if (offset is "Z" or "z") return new DateTimeOffset(date.ToDateTime(time), TimeSpan.Zero);
        var sign = offset[0] == '-' ? -1 : 1;
        var digits = offset[1..].Replace(":", "");
        var span = new TimeSpan(int.Parse(digits[..2], CultureInfo.InvariantCulture), int.Parse(digits[2..], CultureInfo.InvariantCulture), 0);
        return new DateTimeOffset(date.ToDateTime(time), sign * span);
    }

    /// <summary><paramref name="days"/> calendar days later (earlier if negative), at the same local time of day.</summary>
    public DateTimeOffset AddDays(DateTimeOffset from, int days) => Move(from, date => date.AddDays(days));

    /// <summary><paramref name="days"/> working days later on the business calendar, at the same local time of day.</summary>
    public DateTimeOffset AddWorkdays(CalendarReading calendar, DateTimeOffset from, int days) => Move(from, date => calendar.AddWorkingDays(date, days));

    /// <summary>The end (23:59:59.999 local) of the last day of a statutory period; see <see cref="BusinessCalendar.LegalPeriodEnd"/>.</summary>
    public DateTimeOffset LegalPeriodEnd(CalendarReading calendar, DateTimeOffset start, int days) =>
        At(calendar.LegalPeriodEnd(LocalDate(start), days), EndOfDay);

    private DateTimeOffset Move(DateTimeOffset from, Func<DateOnly, DateOnly> move)
    {
        var local = TimeZoneInfo.ConvertTime(from, zone);
        return At(move(DateOnly.FromDateTime(local.DateTime)), TimeOnly.FromDateTime(local.DateTime));
    }

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>A local date and time in the zone as an instant. A time skipped by a daylight-saving change moves to the first valid time after it.</summary>
    private DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})(?:[T ](?<time>\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)(?<offset>[Zz]|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex IsoDateTime();
}
