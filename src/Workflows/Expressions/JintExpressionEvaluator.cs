using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Mediation.Workflows.Bpmn.Validation;

namespace Mediation.Workflows.Expressions;

/// <summary>
/// JavaScript inside <c>${...}</c>, run by Jint in a sandbox: no CLR access, and limits on time, statements,
/// memory, recursion and regex backtracking, so a runaway expression becomes an incident rather than a hang.
/// Variables are copied in as plain JSON values, never as live .NET objects.
/// </summary>
public sealed class JintExpressionEvaluator(ExpressionLimits? limits = null) : IExpressionEvaluator, IConditionSyntax
{
    private readonly ExpressionLimits limits = limits ?? new ExpressionLimits();

    public JsonNode? Evaluate(string text, JsonObject variables)
    {
        var parts = ExpressionText.Split(text);
        if (parts.Count == 1 && parts[0].IsExpression) return Run(parts[0].Text, variables);
        var result = new StringBuilder();
        foreach (var part in parts)
        {
            if (!part.IsExpression) { result.Append(part.Text); continue; }
            var value = Run(part.Text, variables);
            result.Append(value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString());
        }
        return JsonValue.Create(result.ToString());
    }

    public bool EvaluateCondition(string condition, JsonObject variables)
    {
        var value = Evaluate(condition.Trim(), variables);
        return value switch
        {
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            JsonValue v when v.TryGetValue<string>(out var s) && bool.TryParse(s, out var b) => b,
            _ => throw new ExpressionException(condition, $"a condition must be true or false, not {value?.ToJsonString() ?? "null"}"),
        };
    }

    public string? Check(string expression)
    {
        try
        {
            foreach (var part in ExpressionText.Split(expression).Where(p => p.IsExpression))
            {
                Engine.PrepareScript($"({part.Text})");
            }
            return null;
        }
        catch (Exception e) when (e is ExpressionException or ScriptPreparationException or Acornima.ParseErrorException or JavaScriptException)
        {
            return e.InnerException?.Message ?? e.Message;
        }
    }

    private JsonNode? Run(string code, JsonObject variables)
    {
        var engine = new Engine(options => options
            .TimeoutInterval(limits.Timeout)
            .MaxStatements(limits.MaxStatements)
            .LimitMemory(limits.MaxMemoryBytes)
            .LimitRecursion(limits.MaxRecursion)
            .RegexTimeoutInterval(limits.Timeout)
            .Strict(false));
        try
        {
            var json = new Jint.Native.Json.JsonParser(engine);
            foreach (var (name, value) in variables)
            {
                engine.SetValue(name, value is null ? JsValue.Null : json.Parse(value.ToJsonString()));
            }
            var result = engine.Evaluate($"({code})");
            if (result.IsNumber() && !double.IsFinite(result.AsNumber()))
            {
                throw new ExpressionException(code, $"the result {result} is not a finite number");
            }
            return ToJson(engine, result);
        }
        catch (Exception e) when (e is JavaScriptException or Acornima.ParseErrorException or TimeoutException
            or StatementsCountOverflowException or MemoryLimitExceededException or RecursionDepthOverflowException
            or ScriptPreparationException or JintException)
        {
            throw new ExpressionException(code, e.Message, e);
        }
    }

    private static JsonNode? ToJson(Engine engine, JsValue value)
    {
        if (value.IsUndefined() || value.IsNull()) return null;
        if (value.IsBoolean()) return JsonValue.Create(value.AsBoolean());
        if (value.IsString()) return JsonValue.Create(value.AsString());
        if (value.IsNumber()) return JsonValue.Create(value.AsNumber());
        var json = new Jint.Native.Json.JsonSerializer(engine).Serialize(value);
        return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
    }
}

public sealed record ExpressionLimits
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(500);
    public int MaxStatements { get; init; } = 100_000;
    public long MaxMemoryBytes { get; init; } = 16 * 1024 * 1024;
    public int MaxRecursion { get; init; } = 64;
}

/// <summary>Splits text into literal parts and <c>${...}</c> (or JUEL's <c>#{...}</c>) parts, respecting nested braces and quotes.</summary>
public static class ExpressionText
{
    public readonly record struct Part(string Text, bool IsExpression);

    public static IReadOnlyList<Part> Split(string text)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if ((text[i] == '$' || text[i] == '#') && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = FindClose(text, i + 2);
                if (end < 0) throw new ExpressionException(text, "an expression opened with '${' is never closed with '}'");
                if (literal.Length > 0) { parts.Add(new(literal.ToString(), false)); literal.Clear(); }
                var inner = text[(i + 2)..end].Trim();
                if (inner.Length == 0) throw new ExpressionException(text, "the expression is empty");
                parts.Add(new(inner, true));
                i = end + 1;
                continue;
            }
            literal.Append(text[i++]);
        }
        if (literal.Length > 0 || parts.Count == 0) parts.Add(new(literal.ToString(), false));
        return parts;
    }

    private static int FindClose(string text, int from)
    {
        var depth = 0;
        char? quote = null;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == '\\') i++;
                else if (c == quote) quote = null;
                continue;
            }
            switch (c)
            {
                case '\'' or '"' or '`': quote = c; break;
                case '{': depth++; break;
                case '}' when depth == 0: return i;
                case '}': depth--; break;
            }
        }
        return -1;
    }
}
