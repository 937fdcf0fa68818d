using System.Security.Claims;
using Mediation.Host.Features.Cases.Access;
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

    /// <summary><c>GET /api/incidents?instanceId=</c>: the open incidents, oldest first, of the cases the user may see.</summary>
    public static async Task<Ok<IReadOnlyList<IncidentView>>> ListIncidents(Guid? instanceId, ClaimsPrincipal user, IWorkflowEngine engine,
        CaseKeyAccess access, CancellationToken ct)
    {
        var incidents = await engine.ListIncidentsAsync(instanceId, ct);
        var hidden = await access.HiddenAsync(user, incidents.Select(i => i.BusinessKey), ct);
        var visible = incidents.Where(i => i.BusinessKey is null || !hidden.Contains(i.BusinessKey)).ToList();
        return TypedResults.Ok<IReadOnlyList<IncidentView>>(visible);
    }

    /// <summary><c>POST /api/incidents/{id}/retry</c>: resolves the incident and runs its step again.</summary>
    public static async Task<Results<NoContent, NotFound>> RetryIncident(Guid id, ClaimsPrincipal user, IWorkflowEngine engine,
        CaseKeyAccess access, CancellationToken ct)
    {
        var incident = (await engine.ListIncidentsAsync(null, ct)).FirstOrDefault(i => i.Id == id);
        if (incident is not null && !await access.CanUseAsync(user, incident.BusinessKey, ct)) return TypedResults.NotFound();
        return await engine.RetryIncidentAsync(id, user.UserName(), ct) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
