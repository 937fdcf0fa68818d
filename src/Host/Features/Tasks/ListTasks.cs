using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Mediation.Workflows.Execution;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Tasks;

/// <summary><c>GET /api/tasks?mine=true|candidate=true|overdue=true</c>: the caller's inbox.</summary>
public static class ListTasks
{
    public static async Task<Ok<IReadOnlyList<UserTaskView>>> Handle(ClaimsPrincipal user, IWorkflowEngine engine,
        bool? mine, bool? candidate, bool? overdue, CancellationToken ct)
        => TypedResults.Ok(await engine.ListTasksAsync(QueryFor(user, mine, candidate, overdue), ct));

    public static TaskQuery QueryFor(ClaimsPrincipal user, bool? mine = null, bool? candidate = null, bool? overdue = null) => new()
    {
        User = user.UserName(),
        Groups = user.Groups(),
        SeeAll = user.IsAdministrator(),
        MineOnly = mine == true,
        CandidateOnly = candidate == true,
        OverdueOnly = overdue == true,
    };
}
