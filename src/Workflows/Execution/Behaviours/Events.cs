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
        /// <summary>A timer start event's timer: no instance yet; firing starts one.</summary>
        public const string Start = "Start";
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
        var first = schedule.First(node.Timer!, instance.Command.Now, instance.VariablesAt(token.ScopeId));
        var timer = first.Timer(instance.Id, definitionId: null, node.Id, token.Id, kind, instance.Command.Now);
        instance.Command.Db.Timers.Add(timer);
        instance.Command.ScheduledTimers.Add(timer);
        if (timer.ProvisionalYear is not null)
        {
            instance.Journal(JournalKinds.DeadlineProvisional, node.Id,
                new { timerId = timer.Id, deadline = DeadlineNames.Timer, value = timer.DueAt, missingYears = first.UnscheduledYears });
        }
    }

    private void AddSubscription(InstanceContext instance, Token token, FlowNode node, string kind)
        => instance.Command.Db.MessageSubscriptions.Add(new MessageSubscriptionEntity
        {
            Id = Guid.CreateVersion7(), InstanceId = instance.Id, ElementId = node.Id, TokenId = token.Id, MessageName = node.MessageName!,
            BusinessKey = instance.Entity.BusinessKey, Kind = kind, CreatedAt = instance.Command.Now,
        });

    /// <summary>Removes a token's pending timers and subscriptions (its activity ended or it stopped waiting).</summary>
    private static void Disarm(InstanceContext instance, Token token)
    {
        token.BoundariesArmed = false;
        var db = instance.Command.Db;
        // The query sees the stored status; a timer this command has just fired is still Pending there, not here.
        foreach (var timer in db.Timers.Local.Where(t => t.TokenId == token.Id).ToList()
            .Concat(db.Timers.Where(t => t.TokenId == token.Id && t.Status == TimerStatus.Pending).ToList()).Distinct()
            .Where(t => t.Status == TimerStatus.Pending))
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
        var token = new Token { Id = Guid.CreateVersion7(), ElementId = boundary.Id, ScopeId = activityToken.ScopeId, Status = TokenStatus.Ready };
        instance.State.Tokens.Add(token);
    }

    /// <summary>A non-interrupting cycle fires again: the next timer is written now, due one interval (or cron step) after this one.</summary>
    public void Rearm(InstanceContext instance, TimerEntity fired)
    {
        if (schedule.Rearm(fired, instance.Command.Now) is not { } next) return;
        instance.Command.Db.Timers.Add(next);
        instance.Command.ScheduledTimers.Add(next);
    }
}
