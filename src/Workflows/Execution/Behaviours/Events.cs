using System.Globalization;
using System.Text.Json.Nodes;
using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Expressions;
using Mediation.Workflows.Journal;
using Mediation.Workflows.Persistence;
using Mediation.Workflows.Timers;

namespace Mediation.Workflows.Execution;

/// <summary>Catch events, boundary events, timers and messages: how a token waits for something to happen.</summary>
internal sealed partial class TokenRunner
{
    internal static class TimerKinds
    {
        public const string Boundary = "Boundary";
        public const string Catch = "Catch";
        public const string EventGateway = "EventGateway";
        public const string Retry = "Retry";
    }

    /// <summary>Timers and message subscriptions for an activity's boundary events, keyed by the activity's token.</summary>
    private void ArmBoundaries(InstanceContext instance, Token token, FlowNode node)
    {
        var any = false;
        foreach (var boundary in instance.Model.BoundaryEventsOf(node.Id))
        {
            switch (boundary.Trigger)
            {
                case EventTrigger.Timer:
                    AddTimer(instance, token, boundary, TimerKinds.Boundary);
                    any = true;
                    break;
                case EventTrigger.Message when boundary.MessageName is not null:
                    AddSubscription(instance, token, boundary, TimerKinds.Boundary);
                    any = true;
                    break;
            }
        }
        token.BoundariesArmed = any;
    }

    private void WaitForEvent(InstanceContext instance, Token token, FlowNode node)
    {
        token.Status = TokenStatus.Waiting;
        if (node.Trigger == EventTrigger.Timer) AddTimer(instance, token, node, TimerKinds.Catch);
        else if (node.MessageName is not null) AddSubscription(instance, token, node, TimerKinds.Catch);
        // A receive task without a message waits for a trigger by its token (the API's signal).
    }

    /// <summary>A token waits at the gateway itself; the first of the following catch events to happen wins.</summary>
    private void WaitAtEventGateway(InstanceContext instance, Token token, FlowNode node)
    {
        token.Status = TokenStatus.Waiting;
        foreach (var flow in instance.Model.Outgoing(node.Id))
        {
            var target = instance.Model.Node(flow.TargetRef);
            if (target.Trigger == EventTrigger.Timer) AddTimer(instance, token, target, TimerKinds.EventGateway);
            else if (target.MessageName is not null) AddSubscription(instance, token, target, TimerKinds.EventGateway);
        }
    }

    private void AddTimer(InstanceContext instance, Token token, FlowNode node, string kind)
    {
        var (due, repeats, interval) = ComputeDue(instance, token, node.Timer!, instance.Command.Now);
        var timer = new TimerEntity
        {
            Id = Guid.NewGuid(), InstanceId = instance.Id, ElementId = node.Id, TokenId = token.Id, Kind = kind,
            DueAt = due, Status = TimerStatus.Pending, RepeatsLeft = repeats, RepeatInterval = interval, CreatedAt = instance.Command.Now,
        };
        instance.Command.Db.Timers.Add(timer);
        instance.Command.ScheduledTimers.Add(timer);
    }

    /// <summary>When a timer is due: durations and cycles count from now in the engine's time zone, so "P1M" is a calendar month there.</summary>
    private (DateTimeOffset Due, int? Repeats, string? Interval) ComputeDue(InstanceContext instance, Token token, TimerSpec timer, DateTimeOffset from)
    {
        var text = timer.Expression;
        if (TimerExpression.IsExpression(text))
        {
            var value = expressions.Evaluate(text, instance.VariablesAt(token.ScopeId));
            text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
        }
        text = text.Trim();
        var local = TimeZoneInfo.ConvertTime(from, options.Zone);
        switch (timer.Type)
        {
            case TimerType.Duration:
                return (AddDuration(local, text), null, null);
            case TimerType.Date:
                if (ZonedTime.TryParse(text, options.Zone, out var date)) return (date, null, null);
                throw new ExpressionException(timer.Expression, $"'{text}' is not an ISO 8601 date-time");
            default:
                var parts = text.Split('/');
                if (parts.Length < 2 || !parts[0].StartsWith('R'))
                {
                    throw new ExpressionException(timer.Expression, $"'{text}' is not an ISO 8601 repeating interval such as R3/P1D (cron cycles are not run yet)");
                }
                var count = parts[0].Length == 1 ? -1 : int.Parse(parts[0][1..], CultureInfo.InvariantCulture);
                var interval = parts[^1];
                var start = parts.Length == 3 && DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.None, out var s0) ? s0 : local;
                var first = AddDuration(start, interval);
                return (first, count < 0 ? -1 : count - 1, interval);
        }
    }

    private static DateTimeOffset AddDuration(DateTimeOffset from, string text)
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

    private void AddSubscription(InstanceContext instance, Token token, FlowNode node, string kind)
        => instance.Command.Db.MessageSubscriptions.Add(new MessageSubscriptionEntity
        {
            Id = Guid.NewGuid(), InstanceId = instance.Id, ElementId = node.Id, TokenId = token.Id, MessageName = node.MessageName!,
            BusinessKey = instance.Entity.BusinessKey, Kind = kind, CreatedAt = instance.Command.Now,
        });

    /// <summary>Removes a token's pending timers and subscriptions (its activity ended or it stopped waiting).</summary>
    private static void Disarm(InstanceContext instance, Token token)
    {
        token.BoundariesArmed = false;
        var db = instance.Command.Db;
        foreach (var timer in db.Timers.Local.Where(t => t.TokenId == token.Id && t.Status == TimerStatus.Pending).ToList()
            .Concat(db.Timers.Where(t => t.TokenId == token.Id && t.Status == TimerStatus.Pending).ToList()).Distinct())
        {
            timer.Status = TimerStatus.Cancelled;
            instance.Command.CancelledTimers.Add(timer.Id);
        }
        foreach (var subscription in db.MessageSubscriptions.Local.Where(s => s.TokenId == token.Id).ToList()
            .Concat(db.MessageSubscriptions.Where(s => s.TokenId == token.Id).ToList()).Distinct())
        {
            db.MessageSubscriptions.Remove(subscription);
        }
    }

    /// <summary>A timer or message arrived for a token: what happens depends on where the token is.</summary>
    public async Task TriggerAsync(InstanceContext instance, Token token, string elementId, string kind, CancellationToken ct)
    {
        var node = instance.Model.Node(elementId);
        switch (kind)
        {
            case TimerKinds.Boundary:
                await FireBoundaryAsync(instance, token, node, ct);
                break;
            case TimerKinds.EventGateway:
                Disarm(instance, token);
                var gateway = instance.Model.Node(token.ElementId);
                instance.Journal(JournalKinds.ElementLeft, gateway.Id);
                token.ElementId = node.Id;
                token.Status = TokenStatus.Ready;
                instance.Journal(JournalKinds.ElementEntered, node.Id);
                await LeaveAsync(instance, token, node, ct);
                break;
            default:
                Disarm(instance, token);
                token.Status = TokenStatus.Ready;
                await LeaveAsync(instance, token, node, ct);
                break;
        }
    }

    /// <summary>An interrupting boundary event cancels its activity and leaves from the event; a non-interrupting one forks.</summary>
    private async Task FireBoundaryAsync(InstanceContext instance, Token activityToken, FlowNode boundary, CancellationToken ct)
    {
        if (boundary.CancelActivity) await CancelTokenAsync(instance, activityToken, ct);
        var token = new Token { Id = Guid.NewGuid(), ElementId = boundary.Id, ScopeId = activityToken.ScopeId, Status = TokenStatus.Ready };
        instance.State.Tokens.Add(token);
    }

    /// <summary>A non-interrupting cycle fires again: the next timer is written now, due one interval after this one.</summary>
    public void Rearm(InstanceContext instance, TimerEntity fired)
    {
        if (fired.RepeatsLeft is not { } left || left == 0 || fired.RepeatInterval is null) return;
        var next = new TimerEntity
        {
            Id = Guid.NewGuid(), InstanceId = fired.InstanceId, ElementId = fired.ElementId, TokenId = fired.TokenId, Kind = fired.Kind,
            DueAt = AddDuration(TimeZoneInfo.ConvertTime(fired.DueAt, options.Zone), fired.RepeatInterval),
            Status = TimerStatus.Pending, RepeatsLeft = left < 0 ? -1 : left - 1, RepeatInterval = fired.RepeatInterval,
            CreatedAt = instance.Command.Now,
        };
        instance.Command.Db.Timers.Add(next);
        instance.Command.ScheduledTimers.Add(next);
    }
}
