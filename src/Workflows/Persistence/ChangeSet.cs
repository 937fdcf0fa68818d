using System.Data.Common;
using Mediation.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Mediation.Workflows.Persistence;

/// <summary>
/// One command's writes as SQL statements: the entities its context tracks as added, modified or deleted, then its
/// journal entries as multi-row INSERTs. Built on the command's own thread from the EF model (names, quoting and
/// value conversions are the provider's), so the writer that runs several commands' change sets in one
/// transaction (<see cref="GroupCommit"/>) only executes them. An UPDATE or DELETE of an entity with a concurrency
/// token names the token's original value; every UPDATE and DELETE must touch exactly one row, as EF's SaveChanges checks.
/// </summary>
internal sealed class ChangeSet
{
    private const int JournalRowsPerStatement = 50;

    private readonly WorkflowDbContext db;
    private readonly List<Statement> statements = [];
    private readonly List<EntityEntry> entries;

    private ChangeSet(WorkflowDbContext db, List<EntityEntry> entries)
    {
        this.db = db;
        this.entries = entries;
    }

    public int Count => statements.Count;

    /// <summary>The context's pending changes and <paramref name="journal"/> (journal entries added to the context go with them).</summary>
    public static ChangeSet Capture(WorkflowDbContext db, IReadOnlyList<JournalEntryEntity> journal)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var tracked = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        var trackedJournal = tracked.Where(e => e.Entity is JournalEntryEntity).ToList();
        var set = new ChangeSet(db, tracked.Except(trackedJournal).ToList());

        // Principals before dependants for inserts (an instance before its tasks), the reverse for deletes.
        foreach (var entry in set.entries.Where(e => e.State == EntityState.Added).OrderBy(e => Depth(e.Metadata)))
            set.statements.Add(Insert(sql, entry));
        foreach (var entry in set.entries.Where(e => e.State == EntityState.Modified))
        {
            if (Update(sql, entry) is { } update) set.statements.Add(update);
        }
        foreach (var entry in set.entries.Where(e => e.State == EntityState.Deleted).OrderByDescending(e => Depth(e.Metadata)))
            set.statements.Add(Delete(sql, entry));

        var allJournal = trackedJournal.Select(e => (JournalEntryEntity)e.Entity).Concat(journal).ToList();
        set.statements.AddRange(JournalInserts(db, sql, allJournal));
        foreach (var entry in trackedJournal) entry.State = EntityState.Detached;   // written here, not by EF
        return set;
    }

    /// <summary>Runs the statements in <paramref name="transaction"/>; a lost optimistic-concurrency check throws.</summary>
    public async Task WriteAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement.Sql;
            for (var i = 0; i < statement.Values.Count; i++)
            {
                var (mapping, value) = statement.Values[i];
                command.Parameters.Add(mapping.CreateParameter(command, ParameterName(i), value, nullable: true));
            }
            var rows = await command.ExecuteNonQueryAsync(ct);
            if (statement.ExpectOneRow && rows != 1)
                throw new ConcurrencyConflictException($"Someone else changed this {statement.What} first; reload and try again.");
        }
    }

    /// <summary>After the commit: the context's entities are now what the database holds.</summary>
    public void Accept() => db.ChangeTracker.AcceptAllChanges();

    private static Statement Insert(ISqlGenerationHelper sql, EntityEntry entry)
    {
        var properties = entry.Metadata.GetProperties().Where(p => !IsStoreGenerated(p)).ToList();
        var values = properties.Select(p => Value(p, entry.Property(p.Name).CurrentValue)).ToList();
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName())));
        var placeholders = string.Join(", ", properties.Select((_, i) => Placeholder(i)));
        return new($"INSERT INTO {Table(sql, entry.Metadata)} ({columns}) VALUES ({placeholders})", values, false, Describe(entry));
    }

    private static Statement? Update(ISqlGenerationHelper sql, EntityEntry entry)
    {
        var modified = entry.Properties.Where(p => p.IsModified && !p.Metadata.IsPrimaryKey()).ToList();
        if (modified.Count == 0) return null;   // set back to what it was
        var values = modified.Select(p => Value(p.Metadata, p.CurrentValue)).ToList();
        var set = string.Join(", ", modified.Select((p, i) => $"{sql.DelimitIdentifier(p.Metadata.GetColumnName())} = {Placeholder(i)}"));
        var where = KeyCondition(sql, entry, values);
        return new($"UPDATE {Table(sql, entry.Metadata)} SET {set} WHERE {where}", values, true, Describe(entry));
    }

    private static Statement Delete(ISqlGenerationHelper sql, EntityEntry entry)
    {
        var values = new List<(RelationalTypeMapping, object?)>();
        var where = KeyCondition(sql, entry, values);
        return new($"DELETE FROM {Table(sql, entry.Metadata)} WHERE {where}", values, true, Describe(entry));
    }

    /// <summary>The row's key, and the concurrency tokens' original values: the row as this command read it.</summary>
    private static string KeyCondition(ISqlGenerationHelper sql, EntityEntry entry,
        List<(RelationalTypeMapping, object?)> values)
    {
        var conditions = new List<string>();
        foreach (var key in entry.Metadata.FindPrimaryKey()!.Properties)
        {
            conditions.Add($"{sql.DelimitIdentifier(key.GetColumnName())} = {Placeholder(values.Count)}");
            values.Add(Value(key, entry.Property(key.Name).OriginalValue));
        }
        foreach (var token in entry.Metadata.GetProperties().Where(p => p.IsConcurrencyToken))
        {
            conditions.Add($"{sql.DelimitIdentifier(token.GetColumnName())} = {Placeholder(values.Count)}");
            values.Add(Value(token, entry.Property(token.Name).OriginalValue));
        }
        return string.Join(" AND ", conditions);
    }

    private static IEnumerable<Statement> JournalInserts(WorkflowDbContext db, ISqlGenerationHelper sql, IReadOnlyList<JournalEntryEntity> journal)
    {
        if (journal.Count == 0) yield break;
        var entity = db.Model.FindEntityType(typeof(JournalEntryEntity))!;
        var properties = entity.GetProperties().Where(p => !IsStoreGenerated(p)).ToList();
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName())));
        foreach (var chunk in journal.Chunk(JournalRowsPerStatement))
        {
            var values = new List<(RelationalTypeMapping, object?)>(chunk.Length * properties.Count);
            var rows = new List<string>(chunk.Length);
            foreach (var row in chunk)
            {
                var names = new List<string>(properties.Count);
                foreach (var property in properties)
                {
                    names.Add(Placeholder(values.Count));
                    values.Add(Value(property, property.PropertyInfo!.GetValue(row)));
                }
                rows.Add("(" + string.Join(", ", names) + ")");
            }
            yield return new($"INSERT INTO {Table(sql, entity)} ({columns}) VALUES {string.Join(", ", rows)}", values, false, "journal");
        }
    }

    /// <summary>How many foreign keys deep an entity type sits: an instance (0) is inserted before its tasks (1).</summary>
    private static int Depth(IEntityType type)
        => type.GetForeignKeys().Where(fk => fk.PrincipalEntityType != type)
            .Select(fk => 1 + Depth(fk.PrincipalEntityType)).DefaultIfEmpty(0).Max();

    private static bool IsStoreGenerated(IProperty property)
        => property.IsPrimaryKey() && property.ValueGenerated != ValueGenerated.Never && property.ClrType == typeof(long);

    private static (RelationalTypeMapping, object?) Value(IProperty property, object? value)
        => ((RelationalTypeMapping)property.GetTypeMapping(), value);

    private static string Table(ISqlGenerationHelper sql, IEntityType type) => sql.DelimitIdentifier(type.GetTableName()!, type.GetSchema());

    private static string ParameterName(int index) => $"@p{index}";

    private static string Placeholder(int index) => $"@p{index}";

    private static string Describe(EntityEntry entry) => entry.Metadata.ClrType.Name.Replace("Entity", "", StringComparison.Ordinal) switch
    {
        "ProcessInstance" => "instance",
        "UserTask" => "task",
        var other => other.ToLowerInvariant(),
    };

    private sealed record Statement(string Sql, IReadOnlyList<(RelationalTypeMapping Mapping, object? Value)> Values, bool ExpectOneRow, string What);
}
