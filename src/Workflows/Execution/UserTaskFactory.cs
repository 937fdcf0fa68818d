using System.Globalization;
using System.Text.Json.Nodes;
using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Expressions;
using Mediation.Workflows.Journal;
using Mediation.Workflows.Persistence;
using Mediation.Workflows.Timers;

namespace Mediation.Workflows.Execution;

/// <summary>Creates the task row for a token arriving at a user task, resolving Camunda's attributes.</summary>
internal sealed class UserTaskFactory(IExpressionEvaluator expressions, EngineOptions options)
{
    public UserTaskEntity Create(InstanceContext context, FlowNode node, Token token)
    {
        var variables = context.VariablesAt(token);
        var groups = Split(Resolve(variables, node.CamundaAttribute("candidateGroups"))).Concat(node.PotentialOwnerGroups).Distinct();
        var users = Split(Resolve(variables, node.CamundaAttribute("candidateUsers"))).Concat(node.PotentialOwnerUsers).Distinct();
        var task = new UserTaskEntity
        {
            Id = Guid.NewGuid(),
            InstanceId = context.Id,
            Sequence = context.Command.NextSequence(),
            ElementId = node.Id,
            Name = Resolve(variables, node.Name),
            TokenId = token.Id,
            Assignee = NullIfEmpty(Resolve(variables, node.CamundaAttribute("assignee"))),
            CandidateGroups = Join(groups),
            CandidateUsers = Join(users),
            FormKey = Resolve(variables, node.CamundaAttribute("formKey")),
            Priority = int.TryParse(Resolve(variables, node.CamundaAttribute("priority")), CultureInfo.InvariantCulture, out var p) ? p : 50,
            Status = UserTaskStatus.Open,
            CreatedAt = context.Command.Now,
            DueAt = ResolveDate(context.Command.Now, variables, node.CamundaAttribute("dueDate"), node.Id, "dueDate"),
            FollowUpAt = ResolveDate(context.Command.Now, variables, node.CamundaAttribute("followUpDate"), node.Id, "followUpDate"),
        };
        context.Command.Db.UserTasks.Add(task);
        context.Command.CreatedTasks.Add(task);
        context.Journal(JournalKinds.TaskCreated, node.Id, new { taskId = task.Id, task.Name, task.Assignee, task.CandidateGroups, task.DueAt });
        return task;
    }

    private string? Resolve(System.Text.Json.Nodes.JsonObject variables, string? text)
    {
        if (string.IsNullOrEmpty(text) || !TimerExpression.IsExpression(text)) return text;
        var value = expressions.Evaluate(text, variables);
        return value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString();
    }

    /// <summary>A due or follow-up date: an ISO 8601 date-time, or a duration counted from the task's creation.</summary>
    private DateTimeOffset? ResolveDate(DateTimeOffset now, System.Text.Json.Nodes.JsonObject variables, string? text, string elementId, string attribute)
    {
        var value = Resolve(variables, text);
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (IsoDuration.TryParse(value, out var duration))
        {
            try
            {
                return duration.AddTo(TimeZoneInfo.ConvertTime(now, options.Zone)).ToUniversalTime();
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new ExpressionException(value, $"camunda:{attribute} of '{elementId}' lies beyond the calendar");
            }
        }
        if (ZonedTime.TryParse(value, options.Zone, out var date)) return date;
        throw new ExpressionException(value, $"camunda:{attribute} of '{elementId}' is neither an ISO 8601 date-time nor a duration");
    }

    private static IEnumerable<string> Split(string? list)
        => (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Join(IEnumerable<string> items) => NullIfEmpty(string.Join(',', items));

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
