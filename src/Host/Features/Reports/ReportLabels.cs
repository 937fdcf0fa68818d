namespace Mediation.Host.Features.Reports;

/// <summary>The Chinese names of the codes a report groups by (DOMAIN §1, §3), for the dashboard and the CSV.</summary>
public static class ReportLabels
{
    public static IReadOnlyDictionary<string, string> Categories { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["marriageFamily"] = "婚姻家庭", ["neighbour"] = "邻里纠纷", ["homestead"] = "房屋宅基地", ["landContract"] = "山林土地",
        ["contract"] = "合同纠纷", ["debt"] = "债务纠纷", ["business"] = "生产经营", ["damages"] = "损害赔偿", ["labour"] = "劳动争议",
        ["wageArrears"] = "欠薪纠纷", ["villageAffairs"] = "村务管理", ["landAcquisition"] = "征地拆迁", ["environment"] = "环境污染",
        ["medical"] = "医疗纠纷", ["traffic"] = "道路交通事故", ["property"] = "物业纠纷", ["consumer"] = "消费纠纷", ["other"] = "其他",
    };

    public static IReadOnlyDictionary<string, string> Channels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["walkIn"] = "来访", ["phone"] = "电话/12345", ["online"] = "网上申请", ["gridScreening"] = "网格排查", ["householdVisit"] = "入户走访",
        ["policeReferral"] = "公安移送", ["courtReferral"] = "法院委派", ["petitionTransfer"] = "信访转办", ["agencyReferral"] = "部门移送",
    };

    public static IReadOnlyDictionary<string, string> Sources { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["application"] = "申请调解", ["proactive"] = "主动调解", ["referral"] = "委托移送",
    };

    public static IReadOnlyDictionary<string, string> RiskLevels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["low"] = "低（蓝）", ["medium"] = "中（黄）", ["high"] = "高（橙）", ["critical"] = "重大（红）",
    };

    public static string Category(string code) => Categories.GetValueOrDefault(code, code);

    /// <summary>The label of a group key; area keys are named by the caller, who knows the units.</summary>
    public static string For(ReportGrouping grouping, string key) => grouping switch
    {
        ReportGrouping.Category => Category(key),
        ReportGrouping.Channel => Channels.GetValueOrDefault(key, key),
        ReportGrouping.Source => Sources.GetValueOrDefault(key, key),
        ReportGrouping.RiskLevel => RiskLevels.GetValueOrDefault(key, key),
        ReportGrouping.Month => $"{key[..4]}年{int.Parse(key[5..], System.Globalization.CultureInfo.InvariantCulture)}月",
        _ => key,
    };

    /// <summary>The order groups are listed in: the code lists' own order, months in time, areas by code.</summary>
    public static IReadOnlyList<string> KnownKeys(ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.Category => [.. Categories.Keys],
        ReportGrouping.Channel => [.. Channels.Keys],
        ReportGrouping.Source => [.. Sources.Keys],
        ReportGrouping.RiskLevel => [.. RiskLevels.Keys],
        _ => [],
    };
}
