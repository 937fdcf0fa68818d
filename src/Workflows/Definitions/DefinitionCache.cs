using System.Collections.Concurrent;
using Mediation.Workflows.Bpmn;

namespace Mediation.Workflows.Definitions;

/// <summary>
/// Parsed process models by definition id. A deployed definition never changes, so a model is parsed once
/// per process lifetime; commands then load only the instance row.
/// </summary>
public sealed class DefinitionCache
{
    private readonly ConcurrentDictionary<Guid, BpmnDocument> documents = new();

    public ProcessModel GetProcess(Guid definitionId, string key, Func<string> loadXml)
    {
        var document = documents.GetOrAdd(definitionId, _ => BpmnReader.Read(loadXml()));
        return document.Processes.FirstOrDefault(p => p.Id == key)
            ?? throw new InvalidOperationException($"Definition {definitionId} holds no process '{key}'.");
    }

    public bool TryGet(Guid definitionId, string key, out ProcessModel? model)
    {
        model = documents.TryGetValue(definitionId, out var document) ? document.Processes.FirstOrDefault(p => p.Id == key) : null;
        return model is not null;
    }

    public void Add(Guid definitionId, BpmnDocument document) => documents.TryAdd(definitionId, document);
}
