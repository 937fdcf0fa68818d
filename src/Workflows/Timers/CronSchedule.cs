using Cronos;

namespace Mediation.Workflows.Timers;

/// <summary>
/// A cron <c>timeCycle</c>, as Camunda 7 (Quartz) writes them: six fields with seconds ("0 0 9 * * ?"), or five
/// without, or seven with a year that must be "*" (Cronos has no years). Cronos does the parsing and the time zone
/// arithmetic (daylight saving included, though Asia/Shanghai has none).
/// </summary>
internal sealed class CronSchedule
{
    private readonly CronExpression expression;

    private CronSchedule(CronExpression expression) => this.expression = expression;

    /// <summary>Cron rather than ISO 8601: fields separated by spaces, no leading R.</summary>
    public static bool Looks(string text) => text.Contains(' ', StringComparison.Ordinal) && !text.StartsWith('R');

    /// <summary>Null when the text is not a cron expression this engine runs; <see cref="Problem"/> says why.</summary>
    public static CronSchedule? Parse(string text) => TryParse(text, out var schedule, out _) ? schedule : null;

    public static string? Problem(string text) => TryParse(text, out _, out var problem) ? null : problem;

    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone) => expression.GetNextOccurrence(after, zone)?.ToUniversalTime();

    private static bool TryParse(string text, out CronSchedule? schedule, out string? problem)
    {
        schedule = null;
        problem = null;
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (fields.Count == 7)
        {
            if (fields[6] is not ("*" or "?"))
            {
                problem = $"'{text}' names a year; cron cycles here repeat every year (use * for the seventh field)";
                return false;
            }
            fields.RemoveAt(6);
        }
        if (fields.Count is not (5 or 6))
        {
            problem = $"'{text}' has {fields.Count} fields; a cron expression has 5, 6 (with seconds) or 7 (with a year)";
            return false;
        }
        try
        {
            var format = fields.Count == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
            schedule = new CronSchedule(CronExpression.Parse(string.Join(' ', fields), format));
            return true;
        }
        catch (CronFormatException e)
        {
            problem = $"'{text}' is not a cron expression: {e.Message}";
            return false;
        }
    }
}
