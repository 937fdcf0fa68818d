using Mediation.Host.Features.Cases;

namespace Mediation.Host.Features.Reports;

/// <summary>
/// The Chinese names of what a report groups by, for the dashboard and the CSV: the case pages' labels (DOMAIN §1, §3),
/// and the three statistical sources (案件来源).
/// </summary>
public static class ReportLabels
{
    public static IReadOnlyDictionary<string, Label> Sources { get; } = new Dictionary<string, Label>(StringComparer.Ordinal)
    {
        ["application"] = new("申请调解", "Application"), ["proactive"] = new("主动调解", "Proactive"), ["referral"] = new("委托移送", "Referral"),
    };

    public static string Category(string code) => CaseLabels.Of(CaseLabels.Categories, code).Chinese;

    /// <summary>The label of a group key; area keys are named by the caller, who knows the units.</summary>
    public static string For(ReportGrouping grouping, string key) => grouping switch
    {
        ReportGrouping.Category => Category(key),
        ReportGrouping.Channel => CaseLabels.Of(CaseLabels.Channels, key).Chinese,
        ReportGrouping.Source => CaseLabels.Of(Sources, key).Chinese,
        ReportGrouping.RiskLevel => CaseLabels.Of(CaseLabels.RiskLevels, key).Chinese,
        ReportGrouping.Month => $"{key[..4]}年{int.Parse(key[5..], System.Globalization.CultureInfo.InvariantCulture)}月",
        _ => key,
    };

    /// <summary>The order groups are listed in: the code lists' own order (months in time and areas by code elsewhere).</summary>
    public static IReadOnlyList<string> KnownKeys(ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.Category => [.. CaseLabels.Categories.Keys],
        ReportGrouping.Channel => [.. CaseLabels.Channels.Keys],
        ReportGrouping.Source => [.. Sources.Keys],
        ReportGrouping.RiskLevel => [.. CaseLabels.RiskLevels.Keys],
        _ => [],
    };

    /// <summary>The choices of the dashboard's grouping picker.</summary>
    public static IReadOnlyList<(string Code, Label Label)> Groupings { get; } =
    [
        ("category", new("纠纷类别", "Category")), ("area", new("区域", "Area")), ("source", new("案件来源", "Source")),
        ("channel", new("受理渠道", "Channel")), ("riskLevel", new("风险等级", "Risk level")), ("month", new("月份", "Month")),
    ];
}
