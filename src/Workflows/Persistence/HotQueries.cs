using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mediation.Workflows.Persistence;

/// <summary>
/// The queries every start and completion runs, compiled once per model: EF then skips turning the LINQ tree into its
/// cache key on each call (about a twentieth of a command's CPU). A compiled query serves one model only, and a
/// process can hold several (the SQLite and PostgreSQL contexts side by side in the tests), hence one set per model.
/// They track what they load, as the commands need.
/// </summary>
internal sealed class HotQueries
{
    private static readonly ConcurrentDictionary<IModel, HotQueries> ByModel = new();

    public static HotQueries For(WorkflowDbContext db) => ByModel.GetOrAdd(db.Model, _ => new HotQueries());

    public Func<WorkflowDbContext, Guid, CancellationToken, Task<UserTaskEntity?>> Task { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken _) => db.UserTasks.FirstOrDefault(t => t.Id == id));

    public Func<WorkflowDbContext, Guid, CancellationToken, Task<ProcessInstanceEntity?>> Instance { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken _) => db.ProcessInstances.FirstOrDefault(i => i.Id == id));

    /// <summary>The newest version of a process, without its XML: the parsed model is cached by version id.</summary>
    public Func<WorkflowDbContext, string, CancellationToken, Task<DefinitionRef?>> LatestDefinition { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, string key, CancellationToken _) =>
            db.ProcessDefinitions.Where(d => d.Key == key).OrderByDescending(d => d.Version)
                .Select(d => new DefinitionRef(d.Id, d.Key, d.Version)).FirstOrDefault());
}

/// <summary>Which definition version an instance runs: what starting one needs, without the XML.</summary>
internal sealed record DefinitionRef(Guid Id, string Key, int Version)
{
    public static DefinitionRef Of(ProcessDefinitionEntity definition) => new(definition.Id, definition.Key, definition.Version);
}
