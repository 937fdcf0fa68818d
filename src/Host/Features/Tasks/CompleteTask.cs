using System.Security.Claims;
using System.Text.Json.Nodes;
using Mediation.Host.Features.Shared;
using Mediation.Workflows.Execution;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Tasks;

/// <summary><c>POST /api/tasks/{id}/complete</c> <c>{variables, expectedRevision?}</c>.</summary>
public static class CompleteTask
{
    public sealed record Body(Dictionary<string, JsonNode?>? Variables, int? ExpectedRevision, string? OperationId);

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Handle(
        Guid id, Body? body, ClaimsPrincipal user, IWorkflowEngine engine, TaskAccess access, CancellationToken ct)
    {
        // A task the caller may not work is answered like a missing one: its existence is not disclosed.
        if (await engine.GetTaskAsync(id, ct) is not { } task || !await access.CanWorkAsync(user, task, ct)) return TypedResults.NotFound();
        var outcome = await engine.CompleteTaskAsync(
            new CompleteTaskRequest(id, user.UserName(), body?.Variables, body?.ExpectedRevision, body?.OperationId), ct);
        return outcome.Outcome switch
        {
            TaskOutcome.Completed => TypedResults.NoContent(),
            TaskOutcome.AlreadyEnded => TypedResults.Problem(statusCode: 409, title: "The task is already completed"),
            TaskOutcome.StaleRevision => TypedResults.Problem(statusCode: 409, title: "The task changed since you loaded it; reload and try again"),
            TaskOutcome.InstanceSuspended => TypedResults.Problem(statusCode: 409, title: "The case is suspended; it takes no work until it is resumed"),
            _ => TypedResults.NotFound(),
        };
    }
}
