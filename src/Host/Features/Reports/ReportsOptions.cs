using System.Globalization;
using System.Text.RegularExpressions;

namespace Mediation.Host.Features.Reports;

/// <summary>
/// <c>Mediation:Reports</c>: the deadline each case is measured against for on-time closure (按期办结) and overdue open cases
/// (超期未结), kept here in one place. Each is an ISO 8601 period of years, months, weeks and days counted from the local
/// date of registration; a case closed on or before the deadline date is on time.
/// </summary>
public sealed partial class ReportsOptions
{
    public const string Section = "Mediation:Reports";

    /// <summary>People's mediation: "normally concluded within one month" (MoJ-2002 Art 33), a calendar month, not 30 days.</summary>
    public string PeoplesMediation { get; set; } = "P1M";

    /// <summary>Court-delegated pre-filing mediation: 30 days (SPC-2016 Art 27), counted here from registration.</summary>
    public string CourtDelegated { get; set; } = "P30D";

    /// <summary>Labour disputes: 15 days from the application, after which a party may seek arbitration (LDMAL 14).</summary>
    public string Labour { get; set; } = "P15D";

    /// <summary>The categories the labour deadline applies to.</summary>
    public List<string> LabourCategories { get; set; } = ["labour", "wageArrears"];

    /// <summary>Days after an agreement's performance deadline within which a follow-up visit may still find it fully performed (协议履行率).</summary>
    public int PerformanceGraceDays { get; set; } = 7;

    /// <summary>How many overdue open cases the summary lists (all are counted).</summary>
    public int OverdueListLimit { get; set; } = 200;

    /// <summary>The period a case of this kind is given: court-delegated first, then the labour categories, else people's mediation.</summary>
    public CaseDeadlines Deadlines() => new(Parse(PeoplesMediation)!.Value, Parse(CourtDelegated)!.Value, Parse(Labour)!.Value, LabourCategories);

    /// <summary>Months and days of <c>P1M</c>, <c>P30D</c>, <c>P2W</c>, <c>P1Y2M3D</c>; null when it is not such a period.</summary>
    public static DeadlinePeriod? Parse(string? text)
    {
        if (text is null || PeriodPattern().Match(text) is not { Success: true } m || m.Length == 1) return null;
        int Part(string name) => m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        return new DeadlinePeriod(Part("y") * 12 + Part("m"), Part("w") * 7 + Part("d"));
    }

    [GeneratedRegex(@"^P(?:(?<y>\d{1,2})Y)?(?:(?<m>\d{1,3})M)?(?:(?<w>\d{1,3})W)?(?:(?<d>\d{1,4})D)?$")]
    private static partial Regex PeriodPattern();
}

/// <summary>A deadline period: whole calendar months, then days.</summary>
public readonly record struct DeadlinePeriod(int Months, int Days)
{
    public override string ToString() => Months == 0 ? $"P{Days}D" : Days == 0 ? $"P{Months}M" : $"P{Months}M{Days}D";
}

/// <summary>The periods per kind of case; which applies to a case is decided in SQL (<see cref="ReportCalendar.Facts"/>).</summary>
public sealed record CaseDeadlines(DeadlinePeriod PeoplesMediation, DeadlinePeriod CourtDelegated, DeadlinePeriod Labour, IReadOnlyList<string> LabourCategories);
