namespace Mediation.Host.Features.Organisation;

/// <summary>
/// The candidate groups the shipped BPMN files name, and where each finds its people for a case's area: at which level
/// of the area's ancestors (or any), in the area unit itself or in which of its offices, the nearest level with anyone
/// or every level together.
/// </summary>
public sealed record CandidateGroup(string Name, IReadOnlySet<OrgUnitKind>? Levels, IReadOnlySet<OrgUnitKind>? Offices, bool EveryLevel = false)
{
    public const string VillageMediators = "villageMediators";
    public const string TownMediators = "townMediators";
    public const string JudicialOffice = "judicialOffice";
    public const string PoliceStation = "policeStation";
    public const string Court = "court";
    public const string Supervisors = "supervisors";
    public const string Intake = "intake";
    public const string GridMembers = "gridMembers";

    private static readonly HashSet<OrgUnitKind> TownLevel = [OrgUnitKind.Town, OrgUnitKind.Subdistrict];

    public static IReadOnlyDictionary<string, CandidateGroup> All { get; } = new CandidateGroup[]
    {
        new(VillageMediators, new HashSet<OrgUnitKind> { OrgUnitKind.Village, OrgUnitKind.Community }, new HashSet<OrgUnitKind> { OrgUnitKind.MediationCommittee }),
        new(TownMediators, TownLevel, new HashSet<OrgUnitKind> { OrgUnitKind.MediationCommittee }),
        new(JudicialOffice, TownLevel, new HashSet<OrgUnitKind> { OrgUnitKind.JudicialOffice }),
        new(PoliceStation, TownLevel, new HashSet<OrgUnitKind> { OrgUnitKind.PoliceStation }),
        // The town's people's tribunal when it has one, else the county's court.
        new(Court, null, new HashSet<OrgUnitKind> { OrgUnitKind.PeoplesTribunal, OrgUnitKind.Court }),
        new(Supervisors, null, null, EveryLevel: true),
        new(Intake, null, null),
        new(GridMembers, null, null),
    }.ToDictionary(g => g.Name, StringComparer.Ordinal);

    public bool LooksAt(OrgUnit level) => Levels is null || Levels.Contains(level.Kind);

    /// <summary>Whether this group's people are found in <paramref name="unit"/>: a level on the area's ancestor line or one of its offices.</summary>
    public bool Counts(OrgUnit unit) => Offices is null || Offices.Contains(unit.Kind);
}
