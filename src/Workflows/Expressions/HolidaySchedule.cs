using System.Globalization;

namespace Mediation.Workflows.Expressions;

/// <summary>One line of a holiday schedule: a day or a range of days off, or a make-up working day.</summary>
public sealed record HolidayScheduleEntry(DateOnly First, DateOnly Last, CalendarDay Kind, string? Name, int Line);

/// <summary>A line of a holiday schedule that cannot be used (<see cref="Line"/> counts from 1; 0 is the text as a whole).</summary>
public sealed record ScheduleProblem(int Line, string Text, string Message)
{
    public override string ToString() => Line == 0 ? Message : $"line {Line} '{Text}': {Message}";
}

/// <summary>
/// Reads the text form of a State Council holiday notice, one line per holiday or make-up working day:
/// <c>2026-02-15..2026-02-23 off 春节</c>, <c>2026-02-14 work 春节</c>. Blank lines and lines starting with <c>#</c>
/// are ignored. Every problem is reported with its line, so an administrator can fix a whole year in one go.
/// </summary>
public static class HolidaySchedule
{
    /// <summary>A year's notice is a dozen lines; this leaves room for comments and refuses a pasted novel.</summary>
    public const int MaxLength = 20_000;

    public static IReadOnlyList<HolidayScheduleEntry> Parse(string text, out IReadOnlyList<ScheduleProblem> problems)
        => Parse(text, year: null, out problems);

    /// <summary>
    /// Reads one year's schedule: as <see cref="Parse(string, out IReadOnlyList{ScheduleProblem})"/>, and every date
    /// must lie in <paramref name="year"/> and at least one day must be listed.
    /// </summary>
    public static IReadOnlyList<HolidayScheduleEntry> ParseYear(int year, string text, out IReadOnlyList<ScheduleProblem> problems)
        => Parse(text, year, out problems);

    private static List<HolidayScheduleEntry> Parse(string text, int? year, out IReadOnlyList<ScheduleProblem> problems)
    {
        var found = new List<ScheduleProblem>();
        var entries = new List<HolidayScheduleEntry>();
        problems = found;
        if (text.Length > MaxLength)
        {
            found.Add(new(0, "", $"the schedule is {text.Length:N0} characters long; at most {MaxLength:N0} are accepted"));
            return entries;
        }
        var listedOn = new Dictionary<DateOnly, int>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var problem = ReadLine(line, i + 1, year, out var entry) ?? Overlap(entry!, listedOn);
            if (problem is not null) found.Add(new(i + 1, line, problem));
            else entries.Add(entry!);
        }
        if (year is { } y && entries.Count == 0 && found.Count == 0) found.Add(new(0, "", $"the schedule for {y} lists no days"));
        return entries;
    }

    private static string? ReadLine(string line, int number, int? year, out HolidayScheduleEntry? entry)
    {
        entry = null;
        var fields = line.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2) return "a line needs a date or a range (2027-10-01 or 2027-10-01..2027-10-07), then 'off' or 'work'";
        var range = fields[0].Split("..");
        if (range.Length > 2) return $"'{fields[0]}' is neither a date nor a range such as 2027-10-01..2027-10-07";
        if (!TryDate(range[0], out var first)) return $"'{range[0]}' is not a date (yyyy-MM-dd)";
        var last = first;
        if (range.Length == 2 && !TryDate(range[1], out last)) return $"'{range[1]}' is not a date (yyyy-MM-dd)";
        if (last < first) return $"the range ends ({last:yyyy-MM-dd}) before it starts ({first:yyyy-MM-dd})";
        if (last.DayNumber - first.DayNumber >= 366) return "a range may not be longer than a year";
        if (year is { } y && (first.Year != y || last.Year != y))
            return $"{(first.Year != y ? first : last):yyyy-MM-dd} is not in {y}: list each year's days in that year's schedule";
        CalendarDay kind;
        switch (fields[1])
        {
            case "off":
                kind = CalendarDay.PublicHoliday;
                break;
            case "work":
                kind = CalendarDay.MakeUpWorkingDay;
                // A weekday is a working day already: 'work' on one is a transcription slip.
                var weekday = Days(first, last).FirstOrDefault(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
                if (weekday != default)
                    return $"{weekday:yyyy-MM-dd} is a {weekday.DayOfWeek}: a make-up working day ('work') falls on a Saturday or Sunday";
                break;
            default:
                return $"'{fields[1]}' is neither 'off' nor 'work'";
        }
        entry = new HolidayScheduleEntry(first, last, kind, fields.Length > 2 ? fields[2].Trim() : null, number);
        return null;
    }

    private static string? Overlap(HolidayScheduleEntry entry, Dictionary<DateOnly, int> listedOn)
    {
        foreach (var day in Days(entry.First, entry.Last))
        {
            if (listedOn.TryGetValue(day, out var earlier)) return $"{day:yyyy-MM-dd} is listed twice (also on line {earlier})";
        }
        foreach (var day in Days(entry.First, entry.Last)) listedOn[day] = entry.Line;
        return null;
    }

    public static IEnumerable<DateOnly> Days(DateOnly first, DateOnly last)
    {
        for (var day = first; ; day = day.AddDays(1))
        {
            yield return day;
            if (day >= last) yield break;   // not day <= last: 9999-12-31 has no next day
        }
    }

    private static bool TryDate(string text, out DateOnly date)
        => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
