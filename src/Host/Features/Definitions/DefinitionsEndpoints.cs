namespace Mediation.Host.Features.Definitions;

public static class DefinitionsEndpoints
{
    public static IEndpointRouteBuilder MapDefinitions(this IEndpointRouteBuilder app)
    {
        var definitions = app.MapGroup("/api/definitions").WithTags("Definitions");
        definitions.MapPost("/", DeployDefinition.Handle).WithName("DeployDefinition")
            .Accepts<string>("application/xml", "text/xml", "application/octet-stream");
        definitions.MapPost("/validate", ValidateDefinition.Handle).WithName("ValidateDefinition")
            .Accepts<string>("application/xml", "text/xml");
        definitions.MapGet("/", ListDefinitions.Handle).WithName("ListDefinitions");
        definitions.MapGet("/{id:guid}/xml", ListDefinitions.Xml).WithName("GetDefinitionXml");
        return app;
    }

    /// <summary>Reads the raw BPMN body, refusing anything beyond the reader's size limit before it is buffered whole.</summary>
    internal static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var limit = Mediation.Workflows.Bpmn.BpmnReader.MaxBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit + 1) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
