using System.Text.RegularExpressions;
using Mediation.Workflows.Bpmn;

namespace Mediation.Workflows.Timers;

/// <summary>Syntax of the three timer kinds: ISO 8601 durations, dates and repeating intervals, cron, or an expression.</summary>
public static partial class TimerExpression
{
    [GeneratedRegex(@"^R(\d*)/(.+)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Repeat();

    /// <summary>A cron cycle is stored with its timer (<c>RepeatInterval</c>), which holds this much.</summary>
    public const int MaxCronLength = 64;

    public static bool IsExpression(string text) => text.Contains("${", StringComparison.Ordinal) || text.Contains("#{", StringComparison.Ordinal);

    /// <summary>Null when the timer reads; otherwise what is wrong with it.</summary>
    public static string? Check(TimerSpec timer)
    {
        var text = timer.Expression;
        if (string.IsNullOrWhiteSpace(text)) return "the timer value is empty";
        if (IsExpression(text)) return null;   // checked when it is evaluated
        return timer.Type switch
        {
            TimerType.Duration => IsoDuration.TryParse(text, out _) ? null
                : $"'{text}' is not an ISO 8601 duration such as P15D or PT2H",
            TimerType.Date => DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out _) ? null : $"'{text}' is not an ISO 8601 date-time",
            TimerType.Cycle => CheckCycle(text),
            _ => "unknown timer type",
        };
    }

    private static string? CheckCycle(string text)
    {
        var match = Repeat().Match(text);
        if (match.Success)
        {
            var parts = match.Groups[2].Value.Split('/');
            return parts.Any(p => IsoDuration.TryParse(p, out _)) ? null
                : $"'{text}' is not an ISO 8601 repeating interval such as R3/P1D";
        }
        if (!CronSchedule.Looks(text)) return $"'{text}' is neither an ISO 8601 repeating interval (R3/P1D) nor a cron expression";
        if (text.Length > MaxCronLength) return $"the cron expression '{text}' is longer than {MaxCronLength} characters";
        return CronSchedule.Problem(text);
    }
}
