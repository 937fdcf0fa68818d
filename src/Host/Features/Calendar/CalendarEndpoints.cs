using Mediation.Host.Features.Auth;

namespace Mediation.Host.Features.Calendar;

public static class CalendarEndpoints
{
    /// <summary>The working-day calendar's years: administrators only.</summary>
    public static IEndpointRouteBuilder MapCalendar(this IEndpointRouteBuilder app)
    {
        var calendar = app.MapGroup("/api/calendar").WithTags("Calendar").RequireAuthorization(Roles.AdministratorsPolicy);
        calendar.MapGet("/", GetCalendar.Handle).WithName("GetCalendar");
        calendar.MapPut("/years/{year:int}", SetCalendarYear.Handle).WithName("SetCalendarYear").Accepts<string>("text/plain");
        return app;
    }
}
