using System.Security.Claims;
using Mediation.Host.Features.Cases.Access;
using Mediation.Host.Features.Shared;
using Mediation.Workflows.Execution;

namespace Mediation.Host.Features.Tasks;

/// <summary>
/// Which tasks a user sees and may work: their own, those offered to them by name, those offered to a group they hold
/// (a task of a case only where they hold the group in a unit serving the case's area), or all for administrators.
/// The inbox page, <c>/api/tasks</c> and claim/complete all decide through here.
/// </summary>
public sealed class TaskAccess(AreaReach reach)
{
    public async Task<TaskQuery> QueryForAsync(ClaimsPrincipal user, bool? mine = null, bool? candidate = null, bool? overdue = null,
        CancellationToken ct = default) => new()
    {
        User = user.UserName(),
        Groups = user.Groups(),
        ScopedGroups = await reach.ScopedGroupsAsync(user, ct),
        SeeAll = user.IsAdministrator(),
        MineOnly = mine == true,
        CandidateOnly = candidate == true,
        OverdueOnly = overdue == true,
    };

    public async Task<bool> CanWorkAsync(ClaimsPrincipal user, UserTaskView task, CancellationToken ct)
        => TaskQueries.IsVisibleTo(task, user.UserName(), user.Groups(), await reach.ScopedGroupsAsync(user, ct), user.IsAdministrator());
}
