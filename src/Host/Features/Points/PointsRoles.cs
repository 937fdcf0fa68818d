using System.Security.Claims;
using Mediation.Host.Features.Auth;
using Mediation.Host.Features.Organisation;

namespace Mediation.Host.Features.Points;

/// <summary>
/// Who may do what with points. Managers (supervisors, administrators) run the rules and reverse entries; confirmers (the
/// mediation committees, the judicial office, and the managers) ask for manual entries and confirm pending ones.
/// </summary>
public static class PointsRoles
{
    public const string ManagersPolicy = "PointsManagers";
    public const string ConfirmersPolicy = "PointsConfirmers";

    public static readonly string[] Managers = [Roles.Administrators, CandidateGroup.Supervisors];

    public static readonly string[] Confirmers =
        [.. Managers, CandidateGroup.VillageMediators, CandidateGroup.TownMediators, CandidateGroup.JudicialOffice];

    public static bool IsPointsManager(this ClaimsPrincipal user) => Managers.Any(user.IsInRole);
}
