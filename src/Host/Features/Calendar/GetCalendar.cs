using Mediation.Workflows.Execution;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Calendar;

/// <summary><c>GET /api/calendar</c>: the years the calendar knows, each with its source, and the deadlines still provisional.</summary>
public static class GetCalendar
{
    public static async Task<Ok<CalendarView>> Handle(IWorkflowEngine engine, CancellationToken ct)
        => TypedResults.Ok(await engine.GetCalendarAsync(ct));
}
