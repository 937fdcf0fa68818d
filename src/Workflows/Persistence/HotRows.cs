using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Mediation.Workflows.Persistence;

/// <summary>
/// The rows every command starts from: the task it completes, the instance it runs, a process's newest version.
/// With one writer in one process (SQLite, whose engine writes all go through <see cref="GroupCommit"/>), the rows this
/// process last committed are kept, as the database holds them, and a command takes a copy instead of querying: the
/// query and its materialisation were a tenth of a command. The copy is attached to the command's context, so its
/// update still names the revision it read and a lost race still fails. With several writers (PostgreSQL, SQL Server,
/// several Host processes) every read goes to the database.
/// </summary>
internal sealed class HotRows(IWorkflowDbFactory databases)
{
    /// <summary>Rows kept per kind: recently committed ones, for the commands that follow them.</summary>
    public const int Capacity = 256;

    private readonly RecentRows<ProcessInstanceEntity> instances = new(Capacity);
    private readonly RecentRows<UserTaskEntity> tasks = new(Capacity);
    private readonly ConcurrentDictionary<string, DefinitionRef> latest = new(StringComparer.Ordinal);

    private bool Enabled => databases.SingleWriter;

    public async Task<UserTaskEntity?> TaskAsync(WorkflowDbContext db, Guid id, CancellationToken ct)
    {
        if (Enabled && tasks.TryGet(id) is { } kept && Attach(db, kept)) return kept;
        return await HotQueries.For(db).Task(db, id, ct);
    }

    public async Task<ProcessInstanceEntity?> InstanceAsync(WorkflowDbContext db, Guid id, CancellationToken ct)
    {
        if (Enabled && instances.TryGet(id) is { } kept && Attach(db, kept)) return kept;
        return await HotQueries.For(db).Instance(db, id, ct);
    }

    public async Task<DefinitionRef?> LatestDefinitionAsync(WorkflowDbContext db, string key, CancellationToken ct)
    {
        if (Enabled && latest.TryGetValue(key, out var known)) return known;
        var found = await HotQueries.For(db).LatestDefinition(db, key, ct);
        // Only ever added, never overwritten, here: a deployment that finished meanwhile has put the newer version.
        if (Enabled && found is not null) latest.TryAdd(key, found);
        return found;
    }

    /// <summary>A deployment committed a new version: it is the newest from now on.</summary>
    public void Deployed(DefinitionRef definition)
    {
        if (Enabled) latest.AddOrUpdate(definition.Key, definition, (_, old) => old.Version >= definition.Version ? old : definition);
    }

    /// <summary>After a commit: the rows it wrote, as the database now holds them.</summary>
    public void Committed(IEnumerable<EntityEntry> written)
    {
        if (!Enabled) return;
        foreach (var entry in written)
        {
            switch (entry.Entity)
            {
                case ProcessInstanceEntity instance when entry.State == EntityState.Deleted:
                    instances.Remove(instance.Id);
                    break;
                case ProcessInstanceEntity instance:
                    instances.Put(instance.Id, RowCopies.AsStored<ProcessInstanceEntity>(entry));
                    break;
                case UserTaskEntity task when entry.State == EntityState.Deleted:
                    tasks.Remove(task.Id);
                    break;
                case UserTaskEntity task:
                    tasks.Put(task.Id, RowCopies.AsStored<UserTaskEntity>(entry));
                    break;
            }
        }
    }

    /// <summary>A commit failed: what it meant to write may or may not match the database, so none of it is kept.</summary>
    public void Failed(IEnumerable<EntityEntry> written)
    {
        foreach (var entry in written)
        {
            if (entry.Entity is ProcessInstanceEntity instance) instances.Remove(instance.Id);
            else if (entry.Entity is UserTaskEntity task) tasks.Remove(task.Id);
        }
    }

    /// <summary>Tracks the copy as read from the database; false when the context already tracks that row (then it is queried).</summary>
    private static bool Attach<T>(WorkflowDbContext db, T row) where T : class
    {
        if (db.ChangeTracker.Entries<T>().Any()) return false;
        db.Attach(row);
        return true;
    }
}

/// <summary>
/// A bounded set of the most recently used rows, as two generations: once the current one is full it becomes the old
/// one and the oldest generation is dropped; a row read from the old generation moves back into the current one.
/// </summary>
internal sealed class RecentRows<T>(int capacity) where T : class
{
    private readonly Lock gate = new();
    private Dictionary<Guid, T> current = [];
    private Dictionary<Guid, T> old = [];

    /// <summary>A copy of the kept row, for the caller to change.</summary>
    public T? TryGet(Guid id)
    {
        lock (gate)
        {
            if (current.TryGetValue(id, out var row)) return RowCopies.Copy(row);
            if (!old.Remove(id, out row)) return null;
            Add(id, row);
            return RowCopies.Copy(row);
        }
    }

    public void Put(Guid id, T row)
    {
        lock (gate)
        {
            old.Remove(id);
            Add(id, row);
        }
    }

    public void Remove(Guid id)
    {
        lock (gate)
        {
            current.Remove(id);
            old.Remove(id);
        }
    }

    private void Add(Guid id, T row)
    {
        current[id] = row;
        if (current.Count < capacity / 2) return;
        old = current;
        current = [];
    }
}
