using Mediation.Workflows.Bpmn.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Shared;

/// <summary>A validation finding as the API shows it.</summary>
public sealed record FindingDto(string Severity, string Code, string Message, string? ElementId, int Line, int Column)
{
    public static FindingDto From(Finding f) => new(f.Severity == Mediation.Workflows.Bpmn.Validation.Severity.Error ? "error" : "warning", f.Code, f.Message, f.ElementId, f.Line, f.Column);

    /// <summary>A 400 ProblemDetails listing the findings by element id.</summary>
    public static ProblemHttpResult BadRequest(string title, IEnumerable<Finding> findings) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: title,
        detail: string.Join("; ", findings.Where(f => f.Severity == Mediation.Workflows.Bpmn.Validation.Severity.Error)
            .Select(f => f.ElementId is null ? $"line {f.Line}: {f.Message}" : $"{f.ElementId} (line {f.Line}): {f.Message}")),
        extensions: new Dictionary<string, object?> { ["findings"] = findings.Select(From).ToList() });
}
