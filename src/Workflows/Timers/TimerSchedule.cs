using System.Globalization;
using System.Text.Json.Nodes;
using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Expressions;
using Mediation.Workflows.Persistence;

namespace Mediation.Workflows.Timers;

/// <summary>
/// When a timer is due, and when a cycle is due again. Durations and cycles count in the engine's time zone, so
/// "P1M" is a calendar month there and a cron "0 0 9 * * ?" is nine in the morning in Asia/Shanghai.
/// </summary>
internal sealed class TimerSchedule(IExpressionEvaluator expressions, Execution.EngineOptions options)
{
    /// <summary>
    /// The first due time counted from <paramref name="from"/> (also the <c>now()</c> an expression in the timer sees); for
    /// a cycle also the firings left after it (-1: for ever) and the interval or cron text.
    /// </summary>
    public FirstFiring First(TimerSpec timer, DateTimeOffset from, JsonObject variables)
    {
        var text = timer.Expression;
        IReadOnlyCollection<int> unscheduled = [];
        if (TimerExpression.IsExpression(text))
        {
            var result = expressions.Run(text, variables, new ExpressionContext(Now: from));
            text = result.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : result.Value?.ToJsonString() ?? "";
            unscheduled = result.UnscheduledYears;
        }
        var (due, repeats, interval) = Read(timer, text.Trim(), from);
        return new FirstFiring(due, repeats, interval, unscheduled);
    }

    private (DateTimeOffset Due, int? Repeats, string? Interval) Read(TimerSpec timer, string text, DateTimeOffset from)
    {
        var local = TimeZoneInfo.ConvertTime(from, options.Zone);
        switch (timer.Type)
        {
            case TimerType.Duration:
                return (AddDuration(local, text), null, null);
            case TimerType.Date:
                if (ZonedTime.TryParse(text, options.Zone, out var date)) return (date, null, null);
                throw new ExpressionException(timer.Expression, $"'{text}' is not an ISO 8601 date-time");
            default:
                if (CronSchedule.Looks(text))
                {
                    var cron = CronSchedule.Parse(text) ?? throw new ExpressionException(timer.Expression, $"'{text}' is not a cron expression");
                    var next = cron.Next(from, options.Zone)
                        ?? throw new ExpressionException(timer.Expression, $"the cron expression '{text}' never fires again");
                    return (next, -1, text);
                }
                var parts = text.Split('/');
                if (parts.Length < 2 || !parts[0].StartsWith('R'))
                    throw new ExpressionException(timer.Expression, $"'{text}' is neither an ISO 8601 repeating interval such as R3/P1D nor a cron expression");
                var count = parts[0].Length == 1 ? -1 : int.Parse(parts[0][1..], CultureInfo.InvariantCulture);
                var interval = parts[^1];
                var start = parts.Length == 3 && DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.None, out var s0) ? s0 : local;
                return (AddDuration(start, interval), count < 0 ? -1 : count - 1, interval);
        }
    }

    /// <summary>The next firing of a cycle after <paramref name="fired"/>, or null when it has fired its last.</summary>
    public DateTimeOffset? Next(TimerEntity fired)
    {
        if (fired.RepeatsLeft is not { } left || left == 0 || fired.RepeatInterval is not { } interval) return null;
        if (CronSchedule.Looks(interval)) return CronSchedule.Parse(interval)?.Next(fired.DueAt, options.Zone);
        return AddDuration(TimeZoneInfo.ConvertTime(fired.DueAt, options.Zone), interval);
    }

    /// <summary>The timer that follows a fired cycle timer, or null when the cycle is over.</summary>
    public TimerEntity? Rearm(TimerEntity fired, DateTimeOffset now)
        => Next(fired) is not { } due ? null : new TimerEntity
        {
            Id = Guid.CreateVersion7(), InstanceId = fired.InstanceId, DefinitionId = fired.DefinitionId, ElementId = fired.ElementId,
            TokenId = fired.TokenId, Kind = fired.Kind, DueAt = due, Status = TimerStatus.Pending,
            RepeatsLeft = fired.RepeatsLeft < 0 ? -1 : fired.RepeatsLeft - 1, RepeatInterval = fired.RepeatInterval, CreatedAt = now,
        };

    public static DateTimeOffset AddDuration(DateTimeOffset from, string text)
    {
        if (!IsoDuration.TryParse(text, out var duration)) throw new ExpressionException(text, $"'{text}' is not an ISO 8601 duration");
        try
        {
            return duration.AddTo(from).ToUniversalTime();
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new ExpressionException(text, $"'{text}' reaches beyond the calendar");
        }
    }
}

/// <summary>
/// A timer's first due time and, for a cycle, what follows it; <see cref="UnscheduledYears"/> lists the years without a
/// holiday notice its expression counted through (the due time is provisional when there are any).
/// </summary>
internal sealed record FirstFiring(DateTimeOffset Due, int? Repeats, string? Interval, IReadOnlyCollection<int> UnscheduledYears)
{
    public int? ProvisionalYear => UnscheduledYears.Count > 0 ? UnscheduledYears.Min() : null;

    /// <summary>The pending timer row for this firing.</summary>
    public TimerEntity Timer(Guid instanceId, Guid? definitionId, string elementId, Guid tokenId, string kind, DateTimeOffset createdAt) => new()
    {
        Id = Guid.CreateVersion7(), InstanceId = instanceId, DefinitionId = definitionId, ElementId = elementId, TokenId = tokenId, Kind = kind,
        DueAt = Due, Status = TimerStatus.Pending, RepeatsLeft = Repeats, RepeatInterval = Interval, CreatedAt = createdAt,
        ProvisionalYear = ProvisionalYear,
    };
}
