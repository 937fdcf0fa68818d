namespace Mediation.Host.Features.Reports;

/// <summary>A period of whole local days, both ends included.</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The longest period a report covers (ten years), so a month grouping stays a bounded CASE in SQL.</summary>
    public const int MaxMonths = 120;

    public long FirstDay => ReportCalendar.Day(From);

    public long LastDay => ReportCalendar.Day(To);

    /// <summary>From the first to the last day of whole calendar months (a month, a quarter, a year).</summary>
    public bool IsWholeMonths => From.Day == 1 && To.AddDays(1).Day == 1;

    public int Months => (To.Year - From.Year) * 12 + To.Month - From.Month + 1;

    /// <summary>The calendar month containing <paramref name="day"/>.</summary>
    public static ReportPeriod MonthOf(DateOnly day)
    {
        var first = new DateOnly(day.Year, day.Month, 1);
        return new(first, first.AddMonths(1).AddDays(-1));
    }

    /// <summary>环比: the period just before, as long (whole months: as many months; otherwise as many days).</summary>
    public ReportPeriod Previous()
    {
        if (IsWholeMonths) return new(From.AddMonths(-Months), From.AddDays(-1));
        var days = To.DayNumber - From.DayNumber + 1;
        return new(From.AddDays(-days), From.AddDays(-1));
    }

    /// <summary>同比: the same dates a year earlier (whole months stay whole: February ends on the 28th or 29th).</summary>
    public ReportPeriod YearAgo()
        => IsWholeMonths
            ? new(From.AddYears(-1), new DateOnly(To.Year - 1, To.Month, 1).AddMonths(1).AddDays(-1))
            : new(From.AddYears(-1), To.AddYears(-1));

    /// <summary>The months the period touches, each with its first and last day (clipped to the period).</summary>
    public IReadOnlyList<(string Key, long FirstDay, long LastDay)> MonthBuckets()
    {
        var buckets = new List<(string, long, long)>();
        for (var month = new DateOnly(From.Year, From.Month, 1); month <= To; month = month.AddMonths(1))
        {
            var first = month < From ? From : month;
            var last = month.AddMonths(1).AddDays(-1) is var end && end > To ? To : end;
            buckets.Add(($"{month:yyyy-MM}", ReportCalendar.Day(first), ReportCalendar.Day(last)));
        }
        return buckets;
    }
}
