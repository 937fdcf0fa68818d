namespace Mediation.Host.Features.Organisation;

/// <summary>
/// 示例 Sample data for the demo, not a real roster: a county with two towns (郑场镇 with a people's tribunal, 毛嘴镇
/// without one), a subdistrict in the urban shape, each with its offices, and one user per role. Every name carries
/// （示例）. Turn it off with <c>Mediation:Samples:Enabled=false</c>.
/// </summary>
public static class SampleOrganisation
{
    public sealed record Unit(string Code, string Name, OrgUnitKind Kind, string? Parent);

    public sealed record Member(string UserName, string UnitCode, string Role);

    public static IReadOnlyList<Unit> Units { get; } =
    [
        new("XT", "仙桃市（示例）", OrgUnitKind.County, null),
        new("XT-FY", "仙桃市人民法院（示例）", OrgUnitKind.Court, "XT"),
        new("XT-ZZZX", "仙桃市综治中心（示例）", OrgUnitKind.GovernanceCentre, "XT"),

        new("XT-ZCZ", "郑场镇（示例）", OrgUnitKind.Town, "XT"),
        new("XT-ZCZ-TWH", "郑场镇人民调解委员会（示例）", OrgUnitKind.MediationCommittee, "XT-ZCZ"),
        new("XT-ZCZ-SFS", "郑场镇司法所（示例）", OrgUnitKind.JudicialOffice, "XT-ZCZ"),
        new("XT-ZCZ-PCS", "郑场派出所（示例）", OrgUnitKind.PoliceStation, "XT-ZCZ"),
        new("XT-ZCZ-FT", "郑场人民法庭（示例）", OrgUnitKind.PeoplesTribunal, "XT-ZCZ"),
        new("XT-ZCZ-XHC", "新河村（示例）", OrgUnitKind.Village, "XT-ZCZ"),
        new("XT-ZCZ-XHC-TWH", "新河村人民调解委员会（示例）", OrgUnitKind.MediationCommittee, "XT-ZCZ-XHC"),
        new("XT-ZCZ-XHC-1Z", "新河村一组（示例）", OrgUnitKind.VillageGroup, "XT-ZCZ-XHC"),
        new("XT-ZCZ-XHC-1Z-001", "一组张家（示例）", OrgUnitKind.Household, "XT-ZCZ-XHC-1Z"),
        new("XT-ZCZ-XHC-1Z-002", "一组李家（示例）", OrgUnitKind.Household, "XT-ZCZ-XHC-1Z"),
        new("XT-ZCZ-XHC-2Z", "新河村二组（示例）", OrgUnitKind.VillageGroup, "XT-ZCZ-XHC"),
        new("XT-ZCZ-GJC", "高家村（示例）", OrgUnitKind.Village, "XT-ZCZ"),
        new("XT-ZCZ-GJC-TWH", "高家村人民调解委员会（示例）", OrgUnitKind.MediationCommittee, "XT-ZCZ-GJC"),
        new("XT-ZCZ-GJC-1Z", "高家村一组（示例）", OrgUnitKind.VillageGroup, "XT-ZCZ-GJC"),

        new("XT-MZZ", "毛嘴镇（示例）", OrgUnitKind.Town, "XT"),
        new("XT-MZZ-TWH", "毛嘴镇人民调解委员会（示例）", OrgUnitKind.MediationCommittee, "XT-MZZ"),
        new("XT-MZZ-SFS", "毛嘴镇司法所（示例）", OrgUnitKind.JudicialOffice, "XT-MZZ"),
        new("XT-MZZ-PCS", "毛嘴派出所（示例）", OrgUnitKind.PoliceStation, "XT-MZZ"),
        new("XT-MZZ-LJC", "李家村（示例）", OrgUnitKind.Village, "XT-MZZ"),
        new("XT-MZZ-LJC-TWH", "李家村人民调解委员会（示例）", OrgUnitKind.MediationCommittee, "XT-MZZ-LJC"),
        new("XT-MZZ-LJC-3Z", "李家村三组（示例）", OrgUnitKind.VillageGroup, "XT-MZZ-LJC"),
        new("XT-MZZ-LJC-3Z-001", "三组王家（示例）", OrgUnitKind.Household, "XT-MZZ-LJC-3Z"),

        new("XT-GHJD", "干河街道（示例）", OrgUnitKind.Subdistrict, "XT"),
        new("XT-GHJD-TWH", "干河街道人民调解委员会（示例）", OrgUnitKind.MediationCommittee, "XT-GHJD"),
        new("XT-GHJD-SFS", "干河司法所（示例）", OrgUnitKind.JudicialOffice, "XT-GHJD"),
        new("XT-GHJD-PCS", "干河派出所（示例）", OrgUnitKind.PoliceStation, "XT-GHJD"),
        new("XT-GHJD-XYSQ", "新园社区（示例）", OrgUnitKind.Community, "XT-GHJD"),
        new("XT-GHJD-XYSQ-TWH", "新园社区人民调解委员会（示例）", OrgUnitKind.MediationCommittee, "XT-GHJD-XYSQ"),
        new("XT-GHJD-XYSQ-HY", "和园小区（示例）", OrgUnitKind.Compound, "XT-GHJD-XYSQ"),
        new("XT-GHJD-XYSQ-HY-3D", "和园小区3栋（示例）", OrgUnitKind.Building, "XT-GHJD-XYSQ-HY"),
        new("XT-GHJD-XYSQ-HY-3D-ZXH", "3栋中心户（示例）", OrgUnitKind.LeadHousehold, "XT-GHJD-XYSQ-HY-3D"),
    ];

    public static IReadOnlyList<Member> Members { get; } =
    [
        new("li.village", "XT-ZCZ-XHC-TWH", CandidateGroup.VillageMediators),
        new("liu.community", "XT-GHJD-XYSQ-TWH", CandidateGroup.VillageMediators),
        new("wang.town", "XT-ZCZ-TWH", CandidateGroup.TownMediators),
        new("wang.town", "XT-MZZ-TWH", CandidateGroup.TownMediators),
        new("xu.street", "XT-GHJD-TWH", CandidateGroup.TownMediators),
        new("zhao.judicial", "XT-ZCZ-SFS", CandidateGroup.JudicialOffice),
        new("chen.police", "XT-ZCZ-PCS", CandidateGroup.PoliceStation),
        new("lin.tribunal", "XT-ZCZ-FT", CandidateGroup.Court),
        new("sun.court", "XT-FY", CandidateGroup.Court),
        new("zhou.supervisor", "XT", CandidateGroup.Supervisors),
        new("qian.intake", "XT-ZZZX", CandidateGroup.Intake),
        new("wu.grid", "XT-ZCZ-XHC-1Z", CandidateGroup.GridMembers),
    ];
}
