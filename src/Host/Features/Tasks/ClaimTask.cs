using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Mediation.Workflows.Execution;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Tasks;

/// <summary><c>POST /api/tasks/{id}/claim</c> and <c>/unclaim</c>: take a task offered to your group, or give it back.</summary>
public static class ClaimTask
{
    public sealed record Body(int? ExpectedRevision);

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Claim(
        Guid id, Body? body, ClaimsPrincipal user, IWorkflowEngine engine, TaskAccess access, CancellationToken ct)
    {
        if (await engine.GetTaskAsync(id, ct) is not { } task || !await access.CanWorkAsync(user, task, ct)) return TypedResults.NotFound();
        return await engine.ClaimTaskAsync(id, user.UserName(), body?.ExpectedRevision, ct) switch
        {
            TaskOutcome.Completed => TypedResults.NoContent(),
            TaskOutcome.AlreadyEnded => TypedResults.Problem(statusCode: 409, title: "The task is already completed"),
            TaskOutcome.StaleRevision => TypedResults.Problem(statusCode: 409, title: "Someone else has claimed the task or it changed; reload"),
            _ => TypedResults.NotFound(),
        };
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Unclaim(
        Guid id, ClaimsPrincipal user, IWorkflowEngine engine, CancellationToken ct)
    {
        // Only the assignee (or an administrator) gives a task back.
        if (await engine.GetTaskAsync(id, ct) is not { } task || !(task.Assignee == user.UserName() || user.IsAdministrator()))
        {
            return TypedResults.NotFound();
        }
        return await engine.UnclaimTaskAsync(id, user.UserName(), ct) == TaskOutcome.Completed
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: 409, title: "The task is already completed");
    }
}
