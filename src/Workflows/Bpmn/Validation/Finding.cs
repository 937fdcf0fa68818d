namespace Mediation.Workflows.Bpmn.Validation;

public enum Severity { Warning, Error }

/// <summary>One problem in a BPMN file, pointing at the element and the place in the file.</summary>
public sealed record Finding(Severity Severity, string Code, string Message, string? ElementId, int Line, int Column)
{
    public static Finding Error(string code, string message, string? elementId, SourcePosition at)
        => new(Severity.Error, code, message, elementId, at.Line, at.Column);

    public static Finding Warning(string code, string message, string? elementId, SourcePosition at)
        => new(Severity.Warning, code, message, elementId, at.Line, at.Column);

    /// <summary>The contract line of the validate verb: <c>path:line:col: error|warning CODE: message [elementId]</c>.</summary>
    public string Format(string path)
    {
        var severity = Severity == Severity.Error ? "error" : "warning";
        var element = ElementId is null ? string.Empty : $" [{ElementId}]";
        return $"{path}:{Line}:{Column}: {severity} {Code}: {Message}{element}";
    }
}
