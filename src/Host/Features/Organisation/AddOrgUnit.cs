using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Organisation;

/// <summary><c>POST /api/org</c> <c>{ code, name, kind, parentCode }</c>: adds a unit; 400 names each field that is wrong.</summary>
public static class AddOrgUnit
{
    public sealed record Response(string Code, string Name, string Kind, string? ParentCode, string Path);

    public static async Task<Results<Created<Response>, ValidationProblem>> Handle(NewOrgUnit body, OrgTree tree, CancellationToken ct)
    {
        var (unit, errors) = await tree.AddAsync(body, ct);
        if (unit is null) return TypedResults.ValidationProblem(errors, title: "The unit cannot be added");
        return TypedResults.Created($"/api/org/{unit.Code}",
            new Response(unit.Code, unit.Name, unit.Kind.ToString(), string.IsNullOrWhiteSpace(body.ParentCode) ? null : body.ParentCode, unit.Path));
    }
}
