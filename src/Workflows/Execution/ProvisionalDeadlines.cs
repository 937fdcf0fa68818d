using Mediation.Workflows.Expressions;
using Mediation.Workflows.Journal;
using Mediation.Workflows.Persistence;
using Mediation.Workflows.Timers;

namespace Mediation.Workflows.Execution;

/// <summary>Which deadline a provisional or recomputed journal entry is about.</summary>
internal static class DeadlineNames
{
    public const string DueDate = "dueDate";
    public const string FollowUpDate = "followUpDate";
    public const string Timer = "timer";
    /// <summary>A date a script or an input/output parameter stored in a variable.</summary>
    public const string Variable = "variable";
    /// <summary>A sequence flow's or multi-instance completion condition that compared such a date.</summary>
    public const string Condition = "condition";
}

/// <summary>
/// Counts provisional deadlines again once the calendar knows more: a task's due and follow-up dates, a timer's due
/// time. Each is evaluated as when it was first computed (the same expression, <c>now()</c> at the task's or timer's
/// creation) with the instance's current variables, and journaled with its old and new value. A task keeps its row;
/// a timer whose due time moves is cancelled and a new one armed, so the scheduler drops the old job and schedules the new.
/// </summary>
internal sealed class ProvisionalDeadlines(UserTaskFactory tasks, TimerSchedule schedule)
{
    public void RecomputeTask(InstanceContext instance, UserTaskEntity task)
    {
        var node = instance.Model.Node(task.ElementId);
        var token = instance.FindToken(task.TokenId);
        var variables = token is null ? instance.Variables : instance.VariablesAt(token);
        var years = new List<int?>();
        if (task.DueProvisional)
        {
            (task.DueAt, task.DueProvisional, var year) = Recompute(instance, task, node, variables, DeadlineNames.DueDate, task.DueAt);
            years.Add(year);
        }
        if (task.FollowUpProvisional)
        {
            (task.FollowUpAt, task.FollowUpProvisional, var year) = Recompute(instance, task, node, variables, DeadlineNames.FollowUpDate, task.FollowUpAt);
            years.Add(year);
        }
        task.ProvisionalYear = years.Min();
        // A due date moved into the future takes the task out of the overdue list; one moved into the past goes in at the next sweep.
        if (task.OverdueSince is not null && task.DueAt > instance.Command.Now) task.OverdueSince = null;
    }

    private (DateTimeOffset? At, bool Provisional, int? Year) Recompute(InstanceContext instance, UserTaskEntity task,
        Bpmn.FlowNode node, System.Text.Json.Nodes.JsonObject variables, string deadline, DateTimeOffset? old)
    {
        ComputedDate date;
        try
        {
            date = tasks.Deadline(instance, node, variables, deadline, task.CreatedAt);
        }
        catch (ExpressionException e)
        {
            // The variables no longer give a date: keep the old one, still marked provisional, and stop trying.
            instance.Journal(JournalKinds.DeadlineRecomputed, node.Id,
                new { taskId = task.Id, deadline, oldValue = old, newValue = old, provisional = true, error = e.Message });
            return (old, true, null);
        }
        instance.Journal(JournalKinds.DeadlineRecomputed, node.Id, new
        {
            taskId = task.Id, deadline, oldValue = old, newValue = date.At, provisional = date.IsProvisional, missingYears = date.UnscheduledYears,
        });
        return (date.At, date.IsProvisional, ComputedDate.EarliestProvisionalYear(date));
    }

    /// <summary>An instance's timer (boundary, catch or event-gateway): the timer that replaces it, or null when it stays.</summary>
    public TimerEntity? RecomputeTimer(InstanceContext instance, TimerEntity timer)
    {
        var node = instance.Model.Node(timer.ElementId);
        var token = instance.FindToken(timer.TokenId);
        var variables = token is null ? instance.Variables : instance.VariablesAt(token.ScopeId);
        FirstFiring first;
        try
        {
            first = schedule.First(node.Timer!, timer.CreatedAt, variables);
        }
        catch (ExpressionException e)
        {
            timer.ProvisionalYear = null;   // keeps its due time; no further attempts
            instance.Journal(JournalKinds.DeadlineRecomputed, node.Id,
                new { timerId = timer.Id, deadline = DeadlineNames.Timer, oldValue = timer.DueAt, newValue = timer.DueAt, provisional = true, error = e.Message });
            return null;
        }
        var next = Replace(instance.Command, timer, first);
        instance.Journal(JournalKinds.DeadlineRecomputed, node.Id, new
        {
            timerId = timer.Id, newTimerId = next?.Id, deadline = DeadlineNames.Timer, oldValue = timer.DueAt, newValue = first.Due,
            provisional = first.ProvisionalYear is not null, missingYears = first.UnscheduledYears,
        });
        return next;
    }

    /// <summary>A timer start event's timer: no instance, no variables, no journal.</summary>
    public TimerEntity? RecomputeStartTimer(CommandContext command, Bpmn.FlowNode start, TimerEntity timer)
    {
        try
        {
            return Replace(command, timer, schedule.First(start.Timer!, timer.CreatedAt, []));
        }
        catch (ExpressionException)
        {
            timer.ProvisionalYear = null;   // it read at deployment; should it stop reading, it keeps its due time
            return null;
        }
    }

    /// <summary>
    /// The same due time: the timer stays, only its flag changes. Another: it is cancelled and a new pending timer takes
    /// its place (same token, element and creation time), handed to the scheduler after commit.
    /// </summary>
    private static TimerEntity? Replace(CommandContext command, TimerEntity timer, FirstFiring first)
    {
        if (first.Due == timer.DueAt)
        {
            timer.ProvisionalYear = first.ProvisionalYear;
            return null;
        }
        timer.Status = TimerStatus.Cancelled;
        command.CancelledTimers.Add(timer.Id);
        var next = first.Timer(timer.InstanceId, timer.DefinitionId, timer.ElementId, timer.TokenId, timer.Kind, timer.CreatedAt);
        command.Db.Timers.Add(next);
        command.ScheduledTimers.Add(next);
        return next;
    }
}
