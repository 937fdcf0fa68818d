using System.Collections.Concurrent;
using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Persistence;

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

    /// <summary>A version's model, its XML read from <paramref name="db"/> only when this process has not parsed it yet.</summary>
    public ProcessModel GetProcess(WorkflowDbContext db, Guid definitionId, string key)
        => GetProcess(definitionId, key, () => db.ProcessDefinitions.Where(d => d.Id == definitionId).Select(d => d.Xml).First());

    public void Add(Guid definitionId, BpmnDocument document) => documents.TryAdd(definitionId, document);
}
