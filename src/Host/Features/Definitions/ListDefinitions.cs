using Mediation.Workflows.Execution;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mediation.Host.Features.Definitions;

/// <summary><c>GET /api/definitions</c> and the XML of one version (what the diagram viewer draws).</summary>
public static class ListDefinitions
{
    public sealed record Item(Guid Id, string Key, int Version, string? Name, string? ResourceName, DateTimeOffset DeployedAt);

    public static async Task<Ok<List<Item>>> Handle(IWorkflowEngine engine, CancellationToken ct)
        => TypedResults.Ok((await engine.ListDefinitionsAsync(ct))
            .Select(d => new Item(d.Id, d.Key, d.Version, d.Name, d.ResourceName, d.DeployedAt)).ToList());

    public static async Task<Results<ContentHttpResult, NotFound>> Xml(Guid id, IWorkflowEngine engine, CancellationToken ct)
        => await engine.GetDefinitionAsync(id, ct) is { } definition
            ? TypedResults.Content(definition.Xml, "application/xml; charset=utf-8")
            : TypedResults.NotFound();
}
