using System.Security.Claims;
using Mediation.Host.Features.Cases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Reports;

/// <summary>
/// <c>GET /api/reports/summary?from=&amp;to=&amp;groupBy=&amp;area=</c>: the DOMAIN §4 measures for the period, per group, over
/// the cases the caller's memberships reach (supervisors, judicial offices, administrators).
/// </summary>
public static class GetSummary
{
    public static async Task<Results<Ok<ReportSummary>, ValidationProblem, ProblemHttpResult>> Handle(string? from, string? to,
        string? groupBy, string? area, ClaimsPrincipal user, SummaryQuery query, ReportCalendar calendar, CancellationToken ct)
    {
        var run = await RunAsync(from, to, groupBy, area, user, query, calendar, ct);
        return run.Summary is not null ? TypedResults.Ok(run.Summary) : run.Invalid is not null ? run.Invalid : run.Forbidden!;
    }

    public sealed record Run(ReportSummary? Summary, ValidationProblem? Invalid, ProblemHttpResult? Forbidden);

    /// <summary>Reads the query string and runs the summary; otherwise a 400 naming the field, or a 403 for an area out of reach.</summary>
    public static async Task<Run> RunAsync(string? from, string? to, string? groupBy, string? area,
        ClaimsPrincipal user, SummaryQuery query, ReportCalendar calendar, CancellationToken ct)
    {
        var (request, errors) = ReportRequest.Parse(from, to, groupBy, area, calendar.Today());
        if (request is null) return new(null, TypedResults.ValidationProblem(errors.ToDictionary(), title: Title), null);
        var (summary, problem) = await query.RunAsync(user, request, ct);
        if (summary is not null) return new(summary, null, null);
        if (problem!.Status == StatusCodes.Status403Forbidden)
            return new(null, null, TypedResults.Problem(statusCode: 403, title: "This area is not yours to report on", detail: problem.Message));
        var field = new FieldErrors();
        field.Add(problem.Field ?? "area", problem.Message);
        return new(null, TypedResults.ValidationProblem(field.ToDictionary(), title: Title), null);
    }

    private const string Title = "The report cannot be made so";
}
