using Mediation.Host.Features.Auth;

namespace Mediation.Host.Features.Organisation;

public static class OrganisationEndpoints
{
    /// <summary>The organisation tree: every signed-in user reads it; administrators add units and members.</summary>
    public static IEndpointRouteBuilder MapOrganisation(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/org").WithTags("Organisation");
        org.MapGet("/", GetTree.Handle).WithName("GetOrgTree");
        org.MapGet("/resolve", ResolveCandidateGroup.Handle).WithName("ResolveCandidateGroup");
        org.MapGet("/{code}", GetOrgUnit.Handle).WithName("GetOrgUnit");
        org.MapPost("/", AddOrgUnit.Handle).WithName("AddOrgUnit").RequireAuthorization(Roles.AdministratorsPolicy);
        org.MapPost("/{code}/members", AddMember.Handle).WithName("AddOrgMember").RequireAuthorization(Roles.AdministratorsPolicy);
        return app;
    }
}
