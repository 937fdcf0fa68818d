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
/// working days. A year with no notice loaded counts weekends only (<see cref="Covers"/> is false for it); the counting
/// methods report such years to the caller, whose deadline is then provisional. The holiday data is given as text
/// (<see cref="HolidaySchedule"/>); the parameterless constructor loads the years of <see cref="ChinaHolidaySchedules"/>.
/// Immutable, so one instance is shared by every thread (<see cref="CalendarSource"/> swaps in a new one when a year is added).
/// </summary>
public sealed class BusinessCalendar
{
    // Period arithmetic is bounded so that a runaway argument (workdays(1e9)) fails fast instead of looping.
    private const int MaxDays = 36_600;

    private readonly Dictionary<DateOnly, CalendarDay> listed = [];
    private readonly SortedSet<int> years = [];

    public BusinessCalendar() : this([.. ChinaHolidaySchedules.Years.Values]) { }

    /// <summary>A calendar of the given schedules; a line that does not read throws a <see cref="FormatException"/> naming it.</summary>
    public BusinessCalendar(params string[] schedules)
    {
        foreach (var schedule in schedules)
        {
            var entries = HolidaySchedule.Parse(schedule, out var problems);
            if (problems.Count > 0) throw new FormatException($"Calendar {problems[0]}.");
            foreach (var entry in entries)
            {
                foreach (var day in HolidaySchedule.Days(entry.First, entry.Last))
                {
                    if (!listed.TryAdd(day, entry.Kind)) throw new FormatException($"Calendar line {entry.Line}: {day:yyyy-MM-dd} is listed twice.");
                    years.Add(day.Year);
                }
            }
        }
    }

    /// <summary>The years whose holiday notice is loaded.</summary>
    public IReadOnlyCollection<int> Years => years;

    /// <summary>Whether a holiday notice for <paramref name="year"/> is loaded; if not, only weekends are rest days.</summary>
    public bool Covers(int year) => years.Contains(year);

    public CalendarDay KindOf(DateOnly date) =>
        listed.TryGetValue(date, out var kind) ? kind
        : date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? CalendarDay.Weekend
        : CalendarDay.WorkingDay;

    public bool IsWorkingDay(DateOnly date) => KindOf(date) is CalendarDay.WorkingDay or CalendarDay.MakeUpWorkingDay;

    /// <summary>
    /// The <paramref name="days"/>-th working day after <paramref name="from"/> (<paramref name="from"/> itself is not counted); 0 gives <paramref name="from"/>.
    /// Every year counted through without a notice is added to <paramref name="unscheduled"/>.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly from, int days, ISet<int>? unscheduled = null)
    {
        CheckRange(days);
        var date = from;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date, unscheduled)) counted++;
        }
        return date;
    }

    /// <summary>
    /// The last day of a statutory period of <paramref name="days"/> calendar days (Civil Procedure Law 2023 Art 85): the
    /// start day is not counted, holidays inside the period are not deducted, and a last day that is a rest day (a public
    /// holiday, or a weekend that is not a make-up working day) moves to the next working day. Only the days looked at
    /// for that roll depend on the calendar: their years without a notice are added to <paramref name="unscheduled"/>.
    /// </summary>
    public DateOnly LegalPeriodEnd(DateOnly start, int days, ISet<int>? unscheduled = null)
    {
        CheckRange(days);
        var last = start.AddDays(days);
        while (!IsWorkingDay(last, unscheduled)) last = last.AddDays(1);
        return last;
    }

    private bool IsWorkingDay(DateOnly date, ISet<int>? unscheduled)
    {
        if (unscheduled is not null && !years.Contains(date.Year)) unscheduled.Add(date.Year);
        return IsWorkingDay(date);
    }

    private static void CheckRange(int days)
    {
        if (days is < 0 or > MaxDays) throw new ArgumentOutOfRangeException(nameof(days), days, $"a number of days must be between 0 and {MaxDays}");
    }
}
