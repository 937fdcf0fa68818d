using System.Security.Claims;
using Mediation.Workflows.Execution;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Tasks;

/// <summary><c>GET /api/tasks?mine=true|candidate=true|overdue=true</c>: the caller's inbox (see <see cref="TaskAccess"/>).</summary>
public static class ListTasks
{
    public static async Task<Ok<IReadOnlyList<UserTaskView>>> Handle(ClaimsPrincipal user, IWorkflowEngine engine, TaskAccess access,
        bool? mine, bool? candidate, bool? overdue, CancellationToken ct)
        => TypedResults.Ok(await engine.ListTasksAsync(await access.QueryForAsync(user, mine, candidate, overdue, ct), ct));
}
