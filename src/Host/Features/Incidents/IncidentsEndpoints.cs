using System.Security.Claims;
using Mediation.Host.Features.Shared;
using Mediation.Workflows.Execution;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Incidents;

public static class IncidentsEndpoints
{
    public static IEndpointRouteBuilder MapIncidents(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Incidents");
        incidents.MapGet("/", ListIncidents).WithName("ListIncidents");
        incidents.MapPost("/{id:guid}/retry", RetryIncident).WithName("RetryIncident");
        return app;
    }

    /// <summary><c>GET /api/incidents?instanceId=</c>: the open incidents, oldest first.</summary>
    public static async Task<Ok<IReadOnlyList<IncidentView>>> ListIncidents(Guid? instanceId, IWorkflowEngine engine, CancellationToken ct)
        => TypedResults.Ok(await engine.ListIncidentsAsync(instanceId, ct));

    /// <summary><c>POST /api/incidents/{id}/retry</c>: resolves the incident and runs its step again.</summary>
    public static async Task<Results<NoContent, NotFound>> RetryIncident(Guid id, ClaimsPrincipal user, IWorkflowEngine engine, CancellationToken ct)
        => await engine.RetryIncidentAsync(id, user.UserName(), ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
