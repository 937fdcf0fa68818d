using System.Globalization;
using System.Text.Json.Nodes;
using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Expressions;
using Mediation.Workflows.Journal;
using Mediation.Workflows.Persistence;
using Mediation.Workflows.Timers;

namespace Mediation.Workflows.Execution;

/// <summary>Creates the task row for a token arriving at a user task, resolving Camunda's attributes.</summary>
internal sealed class UserTaskFactory(IExpressionEvaluator expressions, EngineOptions options, ITaskScopeResolver scopes)
{
    public async Task<UserTaskEntity> CreateAsync(InstanceContext context, FlowNode node, Token token, CancellationToken ct)
    {
        var variables = context.VariablesAt(token);
        var groups = Split(Resolve(variables, node.CamundaAttribute("candidateGroups"))).Concat(node.PotentialOwnerGroups).Distinct();
        var users = Split(Resolve(variables, node.CamundaAttribute("candidateUsers"))).Concat(node.PotentialOwnerUsers).Distinct();
        var task = new UserTaskEntity
        {
            Id = Guid.CreateVersion7(),
            InstanceId = context.Id,
            Sequence = context.Command.NextSequence(),
            ElementId = node.Id,
            Name = Resolve(variables, node.Name),
            TokenId = token.Id,
            Assignee = NullIfEmpty(Resolve(variables, node.CamundaAttribute("assignee"))),
            CandidateGroups = Join(groups),
            CandidateUsers = Join(users),
            Scope = await scopes.ResolveAsync(variables, ct),
            FormKey = Resolve(variables, node.CamundaAttribute("formKey")),
            Priority = int.TryParse(Resolve(variables, node.CamundaAttribute("priority")), CultureInfo.InvariantCulture, out var p) ? p : 50,
            Status = UserTaskStatus.Open,
            CreatedAt = context.Command.Now,
        };
        var due = Deadline(context, node, variables, DeadlineNames.DueDate, task.CreatedAt);
        var followUp = Deadline(context, node, variables, DeadlineNames.FollowUpDate, task.CreatedAt);
        (task.DueAt, task.DueProvisional) = (due.At, due.IsProvisional);
        (task.FollowUpAt, task.FollowUpProvisional) = (followUp.At, followUp.IsProvisional);
        task.ProvisionalYear = ComputedDate.EarliestProvisionalYear(due, followUp);
        context.Command.Db.UserTasks.Add(task);
        context.Command.CreatedTasks.Add(task);
        context.Journal(JournalKinds.TaskCreated, node.Id, new { taskId = task.Id, task.Name, task.Assignee, task.CandidateGroups, task.DueAt });
        foreach (var (name, date) in new[] { (DeadlineNames.DueDate, due), (DeadlineNames.FollowUpDate, followUp) }.Where(d => d.Item2.IsProvisional))
        {
            context.Journal(JournalKinds.DeadlineProvisional, node.Id,
                new { taskId = task.Id, deadline = name, value = date.At, missingYears = date.UnscheduledYears });
        }
        return task;
    }

    /// <summary>
    /// A task's due or follow-up date (<paramref name="attribute"/> is <c>dueDate</c> or <c>followUpDate</c>) as the
    /// element's attribute gives it, counted from <paramref name="createdAt"/>: what <c>now()</c> and <c>workdays(n)</c>
    /// see, so that a recomputation counts from the task's creation as the first computation did.
    /// </summary>
    public ComputedDate Deadline(InstanceContext context, FlowNode node, JsonObject variables, string attribute, DateTimeOffset createdAt)
    {
        var text = node.CamundaAttribute(attribute);
        if (string.IsNullOrEmpty(text)) return ComputedDate.None;
        if (!TimerExpression.IsExpression(text)) return new(ParseDate(createdAt, text, node.Id, attribute), []);
        var result = expressions.Run(text, variables, new ExpressionContext(context.Id.ToString(), context.Entity.BusinessKey, node.Id, createdAt));
        var value = result.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : result.Value?.ToJsonString();
        return new(ParseDate(createdAt, value, node.Id, attribute), result.UnscheduledYears);
    }

    private string? Resolve(JsonObject variables, string? text)
    {
        if (string.IsNullOrEmpty(text) || !TimerExpression.IsExpression(text)) return text;
        var value = expressions.Evaluate(text, variables);
        return value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString();
    }

    /// <summary>A due or follow-up date: an ISO 8601 date-time, or a duration counted from the task's creation.</summary>
    private DateTimeOffset? ParseDate(DateTimeOffset now, string? value, string elementId, string attribute)
    {
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

/// <summary>A computed date and the years without a holiday notice it was counted through (provisional when there are any).</summary>
internal sealed record ComputedDate(DateTimeOffset? At, IReadOnlyCollection<int> UnscheduledYears)
{
    public static ComputedDate None { get; } = new(null, []);

    public bool IsProvisional => UnscheduledYears.Count > 0;

    public static int? EarliestProvisionalYear(params ComputedDate[] dates)
        => dates.SelectMany(d => d.UnscheduledYears).Select(y => (int?)y).Min();
}
