using System.Globalization;
using System.Text.Json.Nodes;
using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Expressions;
using Mediation.Workflows.Journal;
using Mediation.Workflows.Persistence;
using Mediation.Workflows.Timers;

namespace Mediation.Workflows.Execution;

/// <summary>Creates the task row for a token arriving at a user task, resolving Camunda's attributes.</summary>
internal sealed class UserTaskFactory(IExpressionEvaluator expressions)
{
    public UserTaskEntity Create(CommandContext context, FlowNode node, Token token)
    {
        var groups = Split(Resolve(context, node.CamundaAttribute("candidateGroups"))).Concat(node.PotentialOwnerGroups).Distinct();
        var users = Split(Resolve(context, node.CamundaAttribute("candidateUsers"))).Concat(node.PotentialOwnerUsers).Distinct();
        var task = new UserTaskEntity
        {
            Id = Guid.NewGuid(),
            InstanceId = context.Instance.Id,
            ElementId = node.Id,
            Name = Resolve(context, node.Name),
            TokenId = token.Id,
            Assignee = NullIfEmpty(Resolve(context, node.CamundaAttribute("assignee"))),
            CandidateGroups = Join(groups),
            CandidateUsers = Join(users),
            FormKey = Resolve(context, node.CamundaAttribute("formKey")),
            Priority = int.TryParse(Resolve(context, node.CamundaAttribute("priority")), CultureInfo.InvariantCulture, out var p) ? p : 50,
            Status = UserTaskStatus.Open,
            CreatedAt = context.Now,
            DueAt = ResolveDate(context, node.CamundaAttribute("dueDate"), node.Id, "dueDate"),
            FollowUpAt = ResolveDate(context, node.CamundaAttribute("followUpDate"), node.Id, "followUpDate"),
        };
        context.Db.UserTasks.Add(task);
        context.Journal(JournalKinds.TaskCreated, node.Id, new { taskId = task.Id, task.Name, task.Assignee, task.CandidateGroups, task.DueAt });
        return task;
    }

    private string? Resolve(CommandContext context, string? text)
    {
        if (string.IsNullOrEmpty(text) || !TimerExpression.IsExpression(text)) return text;
        var value = expressions.Evaluate(text, context.Variables);
        return value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString();
    }

    /// <summary>A due or follow-up date: an ISO 8601 date-time, or a duration counted from the task's creation.</summary>
    private DateTimeOffset? ResolveDate(CommandContext context, string? text, string elementId, string attribute)
    {
        var value = Resolve(context, text);
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (IsoDuration.TryParse(value, out var duration))
        {
            try
            {
                return duration.AddTo(context.Now);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new ExpressionException(value, $"camunda:{attribute} of '{elementId}' lies beyond the calendar");
            }
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)) return date.ToUniversalTime();
        throw new ExpressionException(value, $"camunda:{attribute} of '{elementId}' is neither an ISO 8601 date-time nor a duration");
    }

    private static IEnumerable<string> Split(string? list)
        => (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Join(IEnumerable<string> items) => NullIfEmpty(string.Join(',', items));

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
