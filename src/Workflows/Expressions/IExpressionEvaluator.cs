using System.Text.Json.Nodes;

namespace Mediation.Workflows.Expressions;

/// <summary>Evaluates <c>${...}</c> expressions against process variables.</summary>
public interface IExpressionEvaluator
{
    /// <summary>Evaluates text that may hold expressions: a lone <c>${x}</c> yields x's value, mixed text yields a string.</summary>
    JsonNode? Evaluate(string text, JsonObject variables);

    bool EvaluateCondition(string condition, JsonObject variables);
}

/// <summary>An expression failed: a syntax error, an exception, or a sandbox limit (time, statements, memory).</summary>
public sealed class ExpressionException(string expression, string message, Exception? inner = null)
    : Exception($"Expression '{expression}' failed: {message}", inner)
{
    public string Expression { get; } = expression;
}
