using System.Text.Json.Nodes;

namespace Mediation.Workflows.Expressions;

/// <summary>Evaluates <c>${...}</c> expressions and script-task scripts against process variables.</summary>
public interface IExpressionEvaluator
{
    /// <summary>
    /// Evaluates text that may hold expressions: a lone <c>${x}</c> yields x's value, mixed text yields a string.
    /// Variables set through <c>execution.setVariable</c> are dropped; <see cref="Run"/> reports them.
    /// </summary>
    JsonNode? Evaluate(string text, JsonObject variables);

    /// <summary>Evaluates a condition to true or false; anything else fails. <see cref="RunCondition"/> also reports variables set.</summary>
    bool EvaluateCondition(string condition, JsonObject variables);

    /// <summary>
    /// As <see cref="Evaluate"/>, with the instance's context for <c>execution.*</c> and the clock, and reporting the
    /// variables the expression set through <c>execution.setVariable</c>. The caller stores and journals them.
    /// </summary>
    EvaluationResult Run(string text, JsonObject variables, ExpressionContext? context = null);

    /// <summary>As <see cref="EvaluateCondition"/>, with context and the variables set through <c>execution.setVariable</c>.</summary>
    ConditionResult RunCondition(string condition, JsonObject variables, ExpressionContext? context = null);

    /// <summary>
    /// Runs a script task's script (<c>scriptFormat</c> javascript, js or ecmascript) with the process variables as globals.
    /// <see cref="EvaluationResult.SetVariables"/> holds every variable the script created or changed (assignments to
    /// globals, top-level <c>var</c>, <c>execution.setVariable</c>); <see cref="EvaluationResult.Value"/> is the script's
    /// completion value (the value of its last expression statement), for <c>camunda:resultVariable</c>.
    /// </summary>
    EvaluationResult RunScript(string script, string? scriptFormat, JsonObject variables, ExpressionContext? context = null);
}

/// <summary>
/// What an expression may know about where it runs: <c>execution.getProcessInstanceId()</c>, <c>getBusinessKey()</c>,
/// <c>getCurrentActivityId()</c>, and the instant <c>now()</c>, <c>workdays(n)</c> and JavaScript's <c>Date</c> see
/// (when null, the evaluator's <see cref="TimeProvider"/>), so that every expression of one command sees one time.
/// </summary>
public sealed record ExpressionContext(
    string? InstanceId = null,
    string? BusinessKey = null,
    string? ActivityId = null,
    DateTimeOffset? Now = null);

/// <summary>An expression's or script's value and the variables it set, by name, in the order they were first set.</summary>
public sealed record EvaluationResult(JsonNode? Value, IReadOnlyDictionary<string, JsonNode?> SetVariables)
{
    /// <summary>
    /// Years without a holiday notice that <c>workdays</c>, <c>addWorkdays</c> or <c>legalDays</c> counted through, in
    /// order. They were counted on weekends alone, so a date the evaluation produced is provisional when there are any.
    /// </summary>
    public IReadOnlyCollection<int> UnscheduledYears { get; init; } = [];

    public bool IsProvisional => UnscheduledYears.Count > 0;
}

/// <summary>A condition's outcome and the variables it set through <c>execution.setVariable</c>.</summary>
public sealed record ConditionResult(bool Value, IReadOnlyDictionary<string, JsonNode?> SetVariables)
{
    /// <summary>As <see cref="EvaluationResult.UnscheduledYears"/>: the outcome compared a provisional date when there are any.</summary>
    public IReadOnlyCollection<int> UnscheduledYears { get; init; } = [];
}

/// <summary>An expression failed: a syntax error, an exception, or a sandbox limit (time, statements, memory).</summary>
public sealed class ExpressionException(string expression, string message, Exception? inner = null)
    : Exception($"Expression '{expression}' failed: {message}", inner)
{
    public string Expression { get; } = expression;
}
