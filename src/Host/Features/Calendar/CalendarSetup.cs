namespace Mediation.Host.Features.Calendar;

/// <summary><c>Mediation:Calendar</c>: years to add at start-up, and how often each process looks for years added elsewhere.</summary>
public sealed class CalendarOptions
{
    public const string Section = "Mediation:Calendar";

    /// <summary>
    /// How often this process reloads years another process stored and recomputes provisional deadlines they cover.
    /// The bound on how long a deadline computed here may stay provisional after a year was added on another node.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}

public static class CalendarSetup
{
    public static IServiceCollection AddMediationCalendar(this IServiceCollection services)
    {
        services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.Section)
            .Validate(o => o.RefreshInterval >= TimeSpan.FromSeconds(1), "Mediation:Calendar:RefreshInterval must be at least one second.")
            .ValidateOnStart();
        services.AddHostedService<CalendarRefresh>();
        return services;
    }
}
