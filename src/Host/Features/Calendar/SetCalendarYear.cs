using System.Security.Claims;
using System.Text;
using Mediation.Host.Features.Shared;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Calendar;

/// <summary>
/// <c>PUT /api/calendar/years/{year}</c> with the year's schedule as the text body, one line per holiday or make-up
/// working day. Adds the year (201) or replaces one added before (200); then the provisional deadlines it covers are
/// recomputed. 400 names each line that does not read; 409 for a year that ships with Mediation.
/// </summary>
public static class SetCalendarYear
{
    public sealed record Response(CalendarYearView Year, string Outcome, DeadlineRecount Recomputed);

    public sealed record ProblemLine(int Line, string Text, string Message);

    public static async Task<Results<Created<Response>, Ok<Response>, ProblemHttpResult>> Handle(
        int year, HttpRequest request, ClaimsPrincipal user, IWorkflowEngine engine, CancellationToken ct)
    {
        var schedule = await ReadBodyAsync(request, ct);
        if (schedule is null) return Invalid(year, [new ScheduleProblem(0, "", $"the schedule is longer than {HolidaySchedule.MaxLength:N0} characters")]);
        var change = await engine.SetCalendarYearAsync(new SetCalendarYearRequest(year, schedule, CalendarYearSource.Api, user.UserName()), ct);
        return change.Outcome switch
        {
            CalendarYearOutcome.Invalid => Invalid(year, change.Problems),
            CalendarYearOutcome.Shipped => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: $"{year} ships with Mediation and cannot be replaced",
                detail: "The shipped years come from the State Council's notices; a correction comes with a new release."),
            CalendarYearOutcome.Added => TypedResults.Created("/api/calendar", ToResponse(change)),
            _ => TypedResults.Ok(ToResponse(change)),
        };
    }

    private static Response ToResponse(CalendarYearChange change) => new(change.Year!, change.Outcome.ToString(), change.Recomputed);

    private static ProblemHttpResult Invalid(int year, IReadOnlyList<ScheduleProblem> problems) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: $"The schedule for {year} is not valid",
        detail: string.Join("; ", problems),
        extensions: new Dictionary<string, object?> { ["problems"] = problems.Select(p => new ProblemLine(p.Line, p.Text, p.Message)).ToList() });

    /// <summary>The body as UTF-8 text; null when it is longer than a schedule may be, without buffering more than that.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[HolidaySchedule.MaxLength + 1];
        var read = 0;
        int chunk;
        while (read < buffer.Length && (chunk = await reader.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += chunk;
        return read > HolidaySchedule.MaxLength ? null : new string(buffer, 0, read);
    }
}
