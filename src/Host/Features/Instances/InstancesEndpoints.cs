using System.Security.Claims;
using System.Text.Json.Nodes;
using Mediation.Host.Features.Cases.Access;
using Mediation.Host.Features.Shared;
using Mediation.Workflows.Execution;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Instances;

public static class InstancesEndpoints
{
    public static IEndpointRouteBuilder MapInstances(this IEndpointRouteBuilder app)
    {
        var instances = app.MapGroup("/api/instances").WithTags("Instances");
        instances.MapPost("/", StartInstance.Handle).WithName("StartInstance");
        instances.MapGet("/{id:guid}", GetInstance.Handle).WithName("GetInstance");
        instances.MapGet("/{id:guid}/journal", GetJournal.Handle).WithName("GetJournal");
        instances.MapPost("/{id:guid}/cancel", ChangeInstance.Cancel).WithName("CancelInstance");
        instances.MapPost("/{id:guid}/trigger/{elementId}", ChangeInstance.Trigger).WithName("TriggerReceiveTask");
        instances.MapPost("/{id:guid}/suspend", ChangeInstance.Suspend).WithName("SuspendInstance");
        instances.MapPost("/{id:guid}/resume", ChangeInstance.Resume).WithName("ResumeInstance");
        return app;
    }
}

/// <summary><c>POST /api/instances</c>: start the latest version of a process.</summary>
public static class StartInstance
{
    public sealed record Body(string? DefinitionKey, string? BusinessKey, Dictionary<string, JsonNode?>? Variables);

    public static async Task<Results<Created<ProcessInstanceView>, ProblemHttpResult>> Handle(
        Body body, System.Security.Claims.ClaimsPrincipal user, IWorkflowEngine engine, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.DefinitionKey))
        {
            return TypedResults.Problem(statusCode: 400, title: "definitionKey is required",
                extensions: new Dictionary<string, object?> { ["field"] = "definitionKey" });
        }
        var instance = await engine.StartAsync(new StartRequest(body.DefinitionKey, body.BusinessKey, body.Variables, user.UserName()), ct);
        return TypedResults.Created($"/api/instances/{instance.Id}", instance);
    }
}

/// <summary><c>GET /api/instances/{id}</c>: status, where tokens wait, variables.</summary>
public static class GetInstance
{
    public static async Task<Results<Ok<ProcessInstanceView>, NotFound>> Handle(Guid id, ClaimsPrincipal user, IWorkflowEngine engine,
        CaseKeyAccess access, CancellationToken ct)
        => await Visible(id, user, engine, access, ct) is { } instance ? TypedResults.Ok(instance) : TypedResults.NotFound();

    /// <summary>The instance, if it exists and the user may see the case it belongs to (a case's data is not for everyone).</summary>
    public static async Task<ProcessInstanceView?> Visible(Guid id, ClaimsPrincipal user, IWorkflowEngine engine, CaseKeyAccess access, CancellationToken ct)
        => await engine.GetInstanceAsync(id, ct) is { } instance && await access.CanUseAsync(user, instance.BusinessKey, ct) ? instance : null;
}

/// <summary><c>GET /api/instances/{id}/journal</c>: every step, oldest first.</summary>
public static class GetJournal
{
    public static async Task<Results<Ok<IReadOnlyList<JournalEntryView>>, NotFound>> Handle(Guid id, ClaimsPrincipal user, IWorkflowEngine engine,
        CaseKeyAccess access, CancellationToken ct)
    {
        if (await GetInstance.Visible(id, user, engine, access, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok(await engine.GetJournalAsync(id, ct));
    }
}

/// <summary><c>POST /api/instances/{id}/cancel|suspend|resume</c>: the instance's own life.</summary>
public static class ChangeInstance
{
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Cancel(Guid id, ClaimsPrincipal user, IWorkflowEngine engine,
        CaseKeyAccess access, CancellationToken ct)
        => await GetInstance.Visible(id, user, engine, access, ct) is null ? TypedResults.NotFound() : Answer(await engine.CancelInstanceAsync(id, user.UserName(), ct));

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Suspend(Guid id, ClaimsPrincipal user, IWorkflowEngine engine,
        CaseKeyAccess access, CancellationToken ct)
        => await GetInstance.Visible(id, user, engine, access, ct) is null ? TypedResults.NotFound() : Answer(await engine.SuspendInstanceAsync(id, user.UserName(), ct));

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Resume(Guid id, ClaimsPrincipal user, IWorkflowEngine engine,
        CaseKeyAccess access, CancellationToken ct)
        => await GetInstance.Visible(id, user, engine, access, ct) is null ? TypedResults.NotFound() : Answer(await engine.ResumeInstanceAsync(id, user.UserName(), ct));

    /// <summary><c>POST /api/instances/{id}/trigger/{elementId}</c> <c>{variables}</c>: wakes a receive task that waits for no message.</summary>
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Trigger(Guid id, string elementId, TriggerBody? body,
        ClaimsPrincipal user, IWorkflowEngine engine, CaseKeyAccess access, CancellationToken ct)
        => await GetInstance.Visible(id, user, engine, access, ct) is null
            ? TypedResults.NotFound()
            : Answer(await engine.TriggerAsync(id, elementId, user.UserName(), body?.Variables, ct));

    public sealed record TriggerBody(Dictionary<string, JsonNode?>? Variables);

    private static Results<NoContent, NotFound, ProblemHttpResult> Answer(InstanceCommandOutcome outcome) => outcome switch
    {
        InstanceCommandOutcome.Done => TypedResults.NoContent(),
        InstanceCommandOutcome.NotFound => TypedResults.NotFound(),
        InstanceCommandOutcome.AlreadyEnded => TypedResults.Problem(statusCode: 409, title: "The instance has already ended"),
        InstanceCommandOutcome.AlreadySuspended => TypedResults.Problem(statusCode: 409, title: "The instance is already suspended"),
        _ => TypedResults.Problem(statusCode: 409, title: "The instance is not suspended"),
    };
}
