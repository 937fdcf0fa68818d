namespace Mediation.Host.Features.Organisation;

/// <summary>
/// Which kind of unit may sit under which: the rural shape town → village → village group → household, the urban shape
/// subdistrict → community → compound → building → lead household, and each office under the area it serves.
/// </summary>
public static class OrgShapes
{
    private static readonly OrgUnitKind[] TownLevel = [OrgUnitKind.Town, OrgUnitKind.Subdistrict];

    private static readonly Dictionary<OrgUnitKind, OrgUnitKind[]> Parents = new()
    {
        [OrgUnitKind.County] = [],
        [OrgUnitKind.Town] = [OrgUnitKind.County],
        [OrgUnitKind.Subdistrict] = [OrgUnitKind.County],
        [OrgUnitKind.Village] = [OrgUnitKind.Town],
        [OrgUnitKind.VillageGroup] = [OrgUnitKind.Village],
        [OrgUnitKind.Household] = [OrgUnitKind.VillageGroup],
        [OrgUnitKind.Community] = [OrgUnitKind.Subdistrict],
        [OrgUnitKind.Compound] = [OrgUnitKind.Community],
        [OrgUnitKind.Building] = [OrgUnitKind.Compound],
        [OrgUnitKind.LeadHousehold] = [OrgUnitKind.Building],
        // County-level committees are the industry and specialised ones (medical, traffic, labour...).
        [OrgUnitKind.MediationCommittee] = [OrgUnitKind.County, OrgUnitKind.Town, OrgUnitKind.Subdistrict, OrgUnitKind.Village, OrgUnitKind.Community],
        [OrgUnitKind.JudicialOffice] = TownLevel,
        [OrgUnitKind.PoliceStation] = TownLevel,
        [OrgUnitKind.PeoplesTribunal] = TownLevel,
        [OrgUnitKind.Court] = [OrgUnitKind.County],
        [OrgUnitKind.GovernanceCentre] = [OrgUnitKind.County, OrgUnitKind.Town, OrgUnitKind.Subdistrict],
    };

    public static readonly OrgUnitKind[] Offices =
    [
        OrgUnitKind.MediationCommittee, OrgUnitKind.JudicialOffice, OrgUnitKind.PoliceStation, OrgUnitKind.Court,
        OrgUnitKind.PeoplesTribunal, OrgUnitKind.GovernanceCentre,
    ];

    public static IReadOnlyList<OrgUnitKind> AllowedParents(OrgUnitKind kind) => Parents[kind];

    /// <summary>Null when a unit of <paramref name="kind"/> may sit under <paramref name="parent"/> (null: at the root); otherwise why not.</summary>
    public static string? Check(OrgUnitKind kind, OrgUnitKind? parent)
    {
        var allowed = Parents[kind];
        if (parent is null)
            return allowed.Length == 0 ? null : $"a {kind} must sit under a {string.Join(" or ", allowed)}";
        if (allowed.Length == 0) return $"a {kind} is a root and has no parent";
        return allowed.Contains(parent.Value) ? null : $"a {kind} must sit under a {string.Join(" or ", allowed)}, not a {parent}";
    }
}

public static class OrgLimits
{
    public const int CodeLength = 64;
    public const int NameLength = 100;
    /// <summary>The deepest shape (county → subdistrict → community → compound → building → lead household) is six codes.</summary>
    public const int PathLength = 6 * (CodeLength + 1) + 1;
}
