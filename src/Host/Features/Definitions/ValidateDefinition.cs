using Mediation.Host.Features.Shared;
using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Bpmn.Validation;
using Mediation.Workflows.Definitions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Definitions;

/// <summary><c>POST /api/definitions/validate</c>: the findings for a BPMN file; nothing is stored.</summary>
public static class ValidateDefinition
{
    public sealed record Response(bool Deployable, IReadOnlyList<FindingDto> Findings);

    public static async Task<Ok<Response>> Handle(HttpRequest request, DefinitionChecker checker, CancellationToken ct)
    {
        var body = await DefinitionsEndpoints.ReadBodyAsync(request, ct);
        var findings = body is null
            ? [Finding.Error("too-large", $"The definition is larger than the accepted {BpmnReader.MaxBytes:N0} bytes.", null, new(1, 1))]
            : checker.Check(body);
        return TypedResults.Ok(new Response(findings.All(f => f.Severity != Severity.Error), findings.Select(FindingDto.From).ToList()));
    }
}
