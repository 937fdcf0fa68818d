using Mediation.Host.Features.Shared;
using Mediation.Workflows.Bpmn.Validation;
using Mediation.Workflows.Execution;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Definitions;

/// <summary><c>POST /api/definitions</c>: deploy BPMN XML; 400 with the findings when it is not deployable.</summary>
public static class DeployDefinition
{
    public sealed record Response(string Key, int Version, Guid Id, bool IsNew, IReadOnlyList<FindingDto> Findings);

    public static async Task<Results<Created<Response>, Ok<Response>, ProblemHttpResult>> Handle(
        HttpRequest request, IWorkflowEngine engine, CancellationToken ct)
    {
        var body = await DefinitionsEndpoints.ReadBodyAsync(request, ct);
        if (body is null)
        {
            return FindingDto.BadRequest("The BPMN file is too large",
                [Finding.Error("too-large", $"The definition is larger than the accepted {Mediation.Workflows.Bpmn.BpmnReader.MaxBytes:N0} bytes.", null, new(1, 1))]);
        }
        var result = await engine.DeployAsync(body, request.Headers["X-Resource-Name"].FirstOrDefault(), ct);
        if (!result.Succeeded) return FindingDto.BadRequest("The BPMN file is not valid", result.Findings);
        var d = result.Definition!;
        var response = new Response(d.Key, d.Version, d.Id, result.IsNew, result.Findings.Select(FindingDto.From).ToList());
        return result.IsNew ? TypedResults.Created($"/api/definitions/{d.Id}/xml", response) : TypedResults.Ok(response);
    }
}
