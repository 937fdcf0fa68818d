using System.Globalization;
using Mediation.Host.Features.Cases;

namespace Mediation.Host.Features.Reports;

public enum ReportGrouping { Category, Area, Source, Channel, RiskLevel, Month }

/// <summary>What a summary is asked for: the period, the grouping and, optionally, the area whose subtree it covers.</summary>
public sealed record ReportRequest(ReportPeriod Period, ReportGrouping GroupBy, string? Area)
{
    public static readonly string[] GroupingNames = ["category", "area", "source", "channel", "riskLevel", "month"];

    /// <summary>
    /// Reads the query string: <c>from</c> and <c>to</c> are local dates (yyyy-MM-dd, both included; default the current
    /// month, or from <c>from</c> to today), <c>groupBy</c> one of <see cref="GroupingNames"/> (default category).
    /// Every problem is reported at once, keyed by the parameter's name.
    /// </summary>
    public static (ReportRequest? Request, FieldErrors Errors) Parse(string? from, string? to, string? groupBy, string? area, DateOnly today)
    {
        var errors = new FieldErrors();
        var first = ParseDate(from, "from", errors);
        var last = ParseDate(to, "to", errors);
        var grouping = ReportGrouping.Category;
        if (!string.IsNullOrWhiteSpace(groupBy))
        {
            var index = Array.IndexOf(GroupingNames, groupBy);
            if (index < 0) errors.Add("groupBy", $"'{groupBy}' is not one of {string.Join(", ", GroupingNames)}");
            else grouping = (ReportGrouping)index;
        }
        if (errors.Any) return (null, errors);

        var month = ReportPeriod.MonthOf(today);
        var period = (first, last) switch
        {
            (null, null) => month,
            ({ } f, null) => new ReportPeriod(f, f > today ? f : today),
            (null, { } l) => new ReportPeriod(new DateOnly(l.Year, l.Month, 1), l),
            ({ } f, { } l) => new ReportPeriod(f, l),
        };
        if (period.To < period.From) errors.Add("to", $"{period.To:yyyy-MM-dd} is before from ({period.From:yyyy-MM-dd})");
        else if (period.Months > ReportPeriod.MaxMonths) errors.Add("to", $"a report covers at most {ReportPeriod.MaxMonths} months");
        var code = string.IsNullOrWhiteSpace(area) ? null : area.Trim();
        return errors.Any ? (null, errors) : (new ReportRequest(period, grouping, code), errors);
    }

    public string GroupingName => GroupingNames[(int)GroupBy];

    private static DateOnly? ParseDate(string? text, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 2000 and <= 2999) return date;
        errors.Add(field, $"'{text}' is not a date yyyy-MM-dd between 2000 and 2999");
        return null;
    }
}
