using System.Security.Claims;
using System.Text.Json.Nodes;
using Mediation.Host.Features.Cases.Access;
using Mediation.Host.Features.Shared;
using Mediation.Workflows.Execution;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Messages;

public static class MessagesEndpoints
{
    public static IEndpointRouteBuilder MapMessages(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/messages").WithTags("Messages").MapPost("/", SendMessage.Handle).WithName("SendMessage");
        return app;
    }
}

/// <summary><c>POST /api/messages</c> <c>{name, correlationKey, variables}</c>: wakes the instance waiting for it.</summary>
public static class SendMessage
{
    public sealed record Body(string? Name, string? CorrelationKey, Dictionary<string, JsonNode?>? Variables);

    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        Body body, ClaimsPrincipal user, IWorkflowEngine engine, CaseKeyAccess access, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return TypedResults.Problem(statusCode: 400, title: "name is required", extensions: new Dictionary<string, object?> { ["field"] = "name" });
        }
        // Without a key the engine picks the one instance waiting, which may be a case this user may not see: only
        // administrators may leave it out.
        if (string.IsNullOrWhiteSpace(body.CorrelationKey) && !user.IsAdministrator())
        {
            return TypedResults.Problem(statusCode: 400, title: "correlationKey is required: name the case number",
                extensions: new Dictionary<string, object?> { ["field"] = "correlationKey" });
        }
        // A case's messages (a withdrawal, a court's ruling) come only from those who may see the case: to anyone else it
        // does not exist, as GET /api/cases/{number} says.
        if (!await access.CanUseAsync(user, body.CorrelationKey, ct)) return NoListener(body);
        return await engine.CorrelateMessageAsync(new MessageRequest(body.Name, body.CorrelationKey, body.Variables, user.UserName()), ct) switch
        {
            MessageOutcome.Correlated => TypedResults.NoContent(),
            MessageOutcome.Ambiguous => TypedResults.Problem(statusCode: 409,
                title: $"More than one instance waits for '{body.Name}': give the correlationKey (the case number)"),
            _ => NoListener(body),
        };
    }

    private static ProblemHttpResult NoListener(Body body)
        => TypedResults.Problem(statusCode: 404, title: $"No instance waits for the message '{body.Name}'"
            + (body.CorrelationKey is null ? "" : $" with correlation key '{body.CorrelationKey}'"));
}
