namespace Mediation.Host.Features.Organisation;

/// <summary>
/// One unit of the organisation tree: an area (county, town or subdistrict, village or community, down to a household)
/// or an office that mediates there (committee, judicial office, police station, court, tribunal, governance centre).
/// </summary>
public sealed class OrgUnit
{
    public int Id { get; set; }
    public int? ParentId { get; set; }
    /// <summary>Unique, upper-case and hyphenated, e.g. <c>XT-ZCZ-XHC</c>; never changes, so the path can be built from it.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public OrgUnitKind Kind { get; set; }
    /// <summary>
    /// The codes from the root down to this unit, e.g. <c>/XT/XT-ZCZ/XT-ZCZ-XHC/</c>: the subtree of a unit is one
    /// prefix query on an indexed column, and its ancestors are read off without walking up.
    /// </summary>
    public required string Path { get; set; }

    public IEnumerable<string> AncestorOrSelfCodes() => Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}

public enum OrgUnitKind
{
    County,
    Town,
    Subdistrict,
    Village,
    Community,
    VillageGroup,
    Compound,
    Building,
    Household,
    LeadHousehold,
    MediationCommittee,
    JudicialOffice,
    PoliceStation,
    Court,
    PeoplesTribunal,
    GovernanceCentre,
}

/// <summary>A user holding a role (a candidate group's name) in a unit: <c>li.village</c> is a <c>villageMediators</c> member of 新河村's committee.</summary>
public sealed class Membership
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public int OrgUnitId { get; set; }
    public required string Role { get; set; }
}
