using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Organisation;

/// <summary><c>POST /api/org/{code}/members</c> <c>{ userName, role }</c>: 201 added, 200 already a member, 400 names the wrong field.</summary>
public static class AddMember
{
    public sealed record Body(string? UserName, string? Role);

    public sealed record Response(string UnitCode, string UserName, string Role);

    public static async Task<Results<Created<Response>, Ok<Response>, NotFound, ValidationProblem>> Handle(
        string code, Body body, OrgMembers members, CancellationToken ct)
    {
        var (outcome, errors) = await members.AddAsync(code, body.UserName, body.Role, ct);
        var response = new Response(code, body.UserName ?? "", body.Role ?? "");
        return outcome switch
        {
            MembershipOutcome.Added => TypedResults.Created($"/api/org/{code}", response),
            MembershipOutcome.AlreadyMember => TypedResults.Ok(response),
            MembershipOutcome.UnknownUnit => TypedResults.NotFound(),
            _ => TypedResults.ValidationProblem(errors, title: "The member cannot be added"),
        };
    }
}
