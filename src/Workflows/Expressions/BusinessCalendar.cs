using System.Globalization;

namespace Mediation.Workflows.Expressions;

public enum CalendarDay
{
    WorkingDay,
    Weekend,
    PublicHoliday,

    /// <summary>A Saturday or Sunday the State Council made a working day (调休上班日).</summary>
    MakeUpWorkingDay,
}

/// <summary>
/// Working days: Monday to Friday, minus the public holidays of each year's State Council notice, plus its make-up
/// working days. A year with no notice loaded counts weekends only (<see cref="Covers"/> is false for it; deadlines
/// computed in such a year are provisional). The holiday data is given as text, one line per holiday or make-up day
/// (<c>2026-02-15..2026-02-23 off 春节</c>, <c>2026-02-14 work 春节</c>); the parameterless constructor loads 2025 and
/// 2026 from <see cref="ChinaHolidaySchedules"/>.
/// </summary>
public sealed class BusinessCalendar
{
    // Period arithmetic is bounded so that a runaway argument (workdays(1e9)) fails fast instead of looping.
    private const int MaxDays = 36_600;

    private readonly Dictionary<DateOnly, CalendarDay> listed = [];
    private readonly HashSet<int> years = [];

    public BusinessCalendar() : this(ChinaHolidaySchedules.Year2025, ChinaHolidaySchedules.Year2026) { }

    public BusinessCalendar(params string[] schedules)
    {
        foreach (var line in schedules.SelectMany(s => s.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var fields = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2) throw new FormatException($"Calendar line '{line}' needs a date and 'off' or 'work'.");
            var range = fields[0].Split("..");
            var first = DateOnly.ParseExact(range[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var last = range.Length > 1 ? DateOnly.ParseExact(range[1], "yyyy-MM-dd", CultureInfo.InvariantCulture) : first;
            var kind = fields[1] switch
            {
                "off" => CalendarDay.PublicHoliday,
                "work" => CalendarDay.MakeUpWorkingDay,
                _ => throw new FormatException($"Calendar line '{line}': '{fields[1]}' is neither 'off' nor 'work'."),
            };
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                if (!listed.TryAdd(day, kind)) throw new FormatException($"Calendar line '{line}': {day:yyyy-MM-dd} is listed twice.");
                years.Add(day.Year);
            }
        }
    }

    /// <summary>Whether a holiday notice for <paramref name="year"/> is loaded; if not, only weekends are rest days.</summary>
    public bool Covers(int year) => years.Contains(year);

    public CalendarDay KindOf(DateOnly date) =>
        listed.TryGetValue(date, out var kind) ? kind
        : date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? CalendarDay.Weekend
        : CalendarDay.WorkingDay;

    public bool IsWorkingDay(DateOnly date) => KindOf(date) is CalendarDay.WorkingDay or CalendarDay.MakeUpWorkingDay;

    /// <summary>The <paramref name="days"/>-th working day after <paramref name="from"/> (<paramref name="from"/> itself is not counted); 0 gives <paramref name="from"/>.</summary>
    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        CheckRange(days);
        var date = from;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date)) counted++;
        }
        return date;
    }

    /// <summary>
    /// The last day of a statutory period of <paramref name="days"/> calendar days (Civil Procedure Law 2023 Art 85): the
    /// start day is not counted, holidays inside the period are not deducted, and a last day that is a rest day (a public
    /// holiday, or a weekend that is not a make-up working day) moves to the next working day.
    /// </summary>
    public DateOnly LegalPeriodEnd(DateOnly start, int days)
    {
        CheckRange(days);
        var last = start.AddDays(days);
        while (!IsWorkingDay(last)) last = last.AddDays(1);
        return last;
    }

    private static void CheckRange(int days)
    {
        if (days is < 0 or > MaxDays) throw new ArgumentOutOfRangeException(nameof(days), days, $"a number of days must be between 0 and {MaxDays}");
    }
}
