using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Organisation;

/// <summary><c>GET /api/org/resolve?group=villageMediators&amp;area=XT-ZCZ-XHC-1Z</c>: who a task for that group in that area would go to.</summary>
public static class ResolveCandidateGroup
{
    public static async Task<Results<Ok<Resolution>, ValidationProblem>> Handle(string? group, string? area, CandidateGroupResolver resolver, CancellationToken ct)
    {
        var (resolution, problem) = await resolver.ResolveAsync(group ?? "", area ?? "", ct);
        return problem switch
        {
            ResolveProblem.UnknownGroup => TypedResults.ValidationProblem(new Dictionary<string, string[]>
                { ["group"] = [$"'{group}' is not a candidate group; one of {string.Join(", ", CandidateGroup.All.Keys)}"] }),
            ResolveProblem.UnknownArea => TypedResults.ValidationProblem(new Dictionary<string, string[]>
                { ["area"] = [string.IsNullOrEmpty(area) ? "an area code is required" : $"no unit has the code '{area}'"] }),
            _ => TypedResults.Ok(resolution!),
        };
    }
}
