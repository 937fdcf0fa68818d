using System.Text;
using System.Text.Json.Nodes;
using Jint;
using Mediation.Workflows.Bpmn.Validation;

namespace Mediation.Workflows.Expressions;

/// <summary>
/// JavaScript inside <c>${...}</c> (with JUEL's operator words, so Camunda 7 files run unchanged), and script tasks in
/// JavaScript, run by Jint in a sandbox: no CLR access, no <c>eval</c>, and limits on time, statements, memory,
/// recursion and regex backtracking, so a runaway expression becomes an incident rather than a hang. Variables are
/// copied in as plain JSON values, never as live .NET objects. Each evaluation gets a fresh engine; the parsed code is
/// cached and shared, which keeps a simple condition at a few microseconds. Thread-safe; registered as a singleton.
/// </summary>
/// <param name="limits">Sandbox limits; <see cref="ExpressionLimits"/>'s defaults when null.</param>
/// <param name="time">The engine's clock for <c>now()</c>, <c>workdays(n)</c> and <c>Date</c>, unless <see cref="ExpressionContext.Now"/> is given.</param>
/// <param name="calendars">Working days for <c>workdays</c>, <c>addWorkdays</c> and <c>legalDays</c>; the shipped years (China 2025–2026) when null.</param>
/// <param name="timeZone">The IANA zone dates are computed and written in.</param>
public sealed class JintExpressionEvaluator(
    ExpressionLimits? limits = null,
    TimeProvider? time = null,
    CalendarSource? calendars = null,
    string timeZone = JintExpressionEvaluator.DefaultTimeZone) : IExpressionEvaluator, IConditionSyntax
{
    public const string DefaultTimeZone = "Asia/Shanghai";

    private readonly SandboxSetup setup = new(
        limits ?? new ExpressionLimits(),
        time ?? TimeProvider.System,
        calendars ?? new CalendarSource(),
        new Deadlines(FindZone(timeZone)));

    private readonly PreparedCodeCache cache = new();

    public JsonNode? Evaluate(string text, JsonObject variables) => Run(text, variables).Value;

    public bool EvaluateCondition(string condition, JsonObject variables) => RunCondition(condition, variables).Value;

    public EvaluationResult Run(string text, JsonObject variables, ExpressionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(variables);
        var parts = ExpressionText.Split(text);
        var code = parts.Select(part => part.IsExpression ? cache.Expression(part.Text) : null).ToList();
        if (code.All(c => c is null)) return new(JsonValue.Create(text), new Dictionary<string, JsonNode?>());

        var sandbox = new Sandbox(setup, variables, context);
        foreach (var c in code.OfType<PreparedCode>()) sandbox.Provide(c);
        if (parts.Count == 1)
        {
            var value = Guard(parts[0].Text, () => sandbox.ToJson(sandbox.Evaluate(code[0]!), parts[0].Text));
            return new(value, Guard(parts[0].Text, () => sandbox.SetByExecution(parts[0].Text))) { UnscheduledYears = sandbox.UnscheduledYears };
        }
        var result = new StringBuilder();
        for (var i = 0; i < parts.Count; i++)
        {
            if (code[i] is not { } expression) { result.Append(parts[i].Text); continue; }
            var value = Guard(parts[i].Text, () => sandbox.ToJson(sandbox.Evaluate(expression), parts[i].Text));
            result.Append(value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString());
        }
        return new(JsonValue.Create(result.ToString()), Guard(text, () => sandbox.SetByExecution(text))) { UnscheduledYears = sandbox.UnscheduledYears };
    }

    public ConditionResult RunCondition(string condition, JsonObject variables, ExpressionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var result = Run(condition.Trim(), variables, context);
        var value = result.Value switch
        {
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            JsonValue v when v.TryGetValue<string>(out var s) && bool.TryParse(s, out var b) => b,
            _ => throw new ExpressionException(condition, $"a condition must be true or false, not {result.Value?.ToJsonString() ?? "null"}"),
        };
        return new(value, result.SetVariables) { UnscheduledYears = result.UnscheduledYears };
    }

    public EvaluationResult RunScript(string script, string? scriptFormat, JsonObject variables, ExpressionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(variables);
        if (ScriptFormatProblem(scriptFormat) is { } problem) throw new ExpressionException(script, problem);
        var code = cache.Script(script);
        var sandbox = new Sandbox(setup, variables, context);
        sandbox.Provide(code);
        return Guard(script, () =>
        {
            var completion = sandbox.Evaluate(code);
            // The completion value only feeds camunda:resultVariable: NaN there is no reason to fail the task.
            var value = completion.IsNumber() && !double.IsFinite(completion.AsNumber()) ? null : sandbox.ToJson(completion, script);
            return new EvaluationResult(value, sandbox.ScriptChanges(script)) { UnscheduledYears = sandbox.UnscheduledYears };
        });
    }

    /// <summary>Null when every <c>${...}</c> in the text parses as an expression (JUEL operator words included); otherwise the parser's message.</summary>
    public string? Check(string expression)
    {
        try
        {
            return ExpressionText.Split(expression).Where(p => p.IsExpression).Select(p => cache.ExpressionError(p.Text)).FirstOrDefault(e => e is not null);
        }
        catch (ExpressionException e)
        {
            return e.Message;
        }
    }

    /// <summary>Null when the script's format is supported and the script parses; otherwise what is wrong.</summary>
    public string? CheckScript(string script, string? scriptFormat) =>
        ScriptFormatProblem(scriptFormat) ?? cache.ScriptError(script);

    private static string? ScriptFormatProblem(string? scriptFormat) => scriptFormat?.Trim().ToLowerInvariant() switch
    {
        "javascript" or "js" or "ecmascript" => null,
        null or "" => "a script task needs a scriptFormat (javascript, js or ecmascript)",
        _ => $"scriptFormat {scriptFormat.Trim()} is not supported (only javascript, js or ecmascript)",
    };

    /// <summary>Whatever goes wrong inside script — an exception it throws, a sandbox limit, a bad value — fails the expression, never the host.</summary>
    private static T Guard<T>(string source, Func<T> run)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (e is not ExpressionException and not OutOfMemoryException)
        {
            throw new ExpressionException(source, e.Message, e);
        }
    }

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException) when (id == DefaultTimeZone)
        {
            // A host without tz data: China has kept UTC+8 without daylight saving since 1991.
            return TimeZoneInfo.CreateCustomTimeZone(DefaultTimeZone, TimeSpan.FromHours(8), DefaultTimeZone, DefaultTimeZone);
        }
    }
}

public sealed record ExpressionLimits
{
    /// <summary>Wall-clock limit of one evaluation, and of one regex match (which the statement limit cannot see).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Stops <c>while(true){}</c> in tens of milliseconds, long before the time limit.</summary>
    public int MaxStatements { get; init; } = 100_000;

    public long MaxMemoryBytes { get; init; } = 16 * 1024 * 1024;

    public int MaxRecursion { get; init; } = 64;
}
