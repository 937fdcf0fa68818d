using System.Globalization;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Expressions;

namespace Mediation.Host.Features.Calendar;

/// <summary>
/// At start-up: stores the years under <c>Mediation:Calendar:Years:&lt;year&gt;</c> (the schedule as one text, or as an
/// array of lines), then loads every stored year. A year an administrator has set through the API since is left as the
/// API set it; a year that ships with Mediation is ignored. A schedule that does not read stops the start, naming the line.
/// </summary>
public static class ConfiguredCalendarYears
{
    public const string Section = CalendarOptions.Section + ":Years";

    public static async Task LoadCalendarAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var engine = services.GetRequiredService<IWorkflowEngine>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConfiguredCalendarYears));
        await ApplyAsync(engine, services.GetRequiredService<IConfiguration>(), logger, ct);
        await engine.RefreshCalendarAsync(ct);
    }

    internal static async Task ApplyAsync(IWorkflowEngine engine, IConfiguration configuration, ILogger logger, CancellationToken ct = default)
    {
        foreach (var (year, schedule) in Read(configuration))
        {
            var change = await engine.SetCalendarYearAsync(new SetCalendarYearRequest(year, schedule, CalendarYearSource.Configuration, "configuration"), ct);
            switch (change.Outcome)
            {
                case CalendarYearOutcome.Invalid:
                    throw new CalendarConfigurationException($"{Section}:{year} is not a valid schedule: {string.Join("; ", change.Problems)}.");
                case CalendarYearOutcome.Shipped:
                    logger.LogWarning("{Section}:{Year} is ignored: that year ships with Mediation.", Section, year);
                    break;
                case CalendarYearOutcome.KeptFromApi:
                    logger.LogWarning("{Section}:{Year} differs from the schedule {User} set through the API at {At}; the API's schedule is kept.",
                        Section, year, change.Year?.UpdatedBy, change.Year?.UpdatedAt);
                    break;
                case CalendarYearOutcome.Added or CalendarYearOutcome.Replaced:
                    logger.LogInformation("Calendar year {Year} from configuration: {Outcome}; {Tasks} task(s) and {Timers} timer(s) recomputed.",
                        year, change.Outcome, change.Recomputed.Tasks, change.Recomputed.Timers);
                    break;
            }
        }
    }

    private static IEnumerable<(int Year, string Schedule)> Read(IConfiguration configuration)
    {
        foreach (var section in configuration.GetSection(Section).GetChildren())
        {
            if (!int.TryParse(section.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                throw new CalendarConfigurationException($"{section.Path}: '{section.Key}' is not a year; use {Section}:2027 and so on.");
            var lines = section.GetChildren().OrderBy(c => int.TryParse(c.Key, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue).Select(c => c.Value);
            yield return (year, string.IsNullOrEmpty(section.Value) ? string.Join('\n', lines) : section.Value);
        }
    }
}

/// <summary>A calendar configuration the Host cannot start with: the message names the setting and the line.</summary>
public sealed class CalendarConfigurationException(string message) : Exception(message);
