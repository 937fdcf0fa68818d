using System.Collections.Concurrent;
using System.Data.Common;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Persistence.CommandLog;
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

    /// <summary>The tracked rows this change set inserts, updates or deletes (the journal aside), in their states before the commit.</summary>
    public IReadOnlyList<EntityEntry> Written => entries;

    /// <summary>The change set as the command log stores it (SQLite with a log only), made on the command's own thread.</summary>
    public LoggedChange? Logged { get; private set; }

    /// <summary>Turns the statements' values into plain SQLite values and encodes them for the command log.</summary>
    public LoggedChange PrepareForLog()
    {
        if (Logged is not null) return Logged;
        var plain = new PlainStatement[statements.Count];
        for (var i = 0; i < plain.Length; i++)
        {
            var source = statements[i].Values;
            var values = new object?[source.Count];
            for (var v = 0; v < values.Length; v++)
            {
                var (mapping, value) = source[v];
                values[v] = LoggedChange.Plain(mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value);
            }
            plain[i] = new PlainStatement(statements[i].Shape, values);
        }
        return Logged = new LoggedChange(plain);
    }

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

    /// <summary>
    /// Runs the statements in <paramref name="transaction"/>; a lost optimistic-concurrency check throws. With
    /// <paramref name="prepared"/>, each SQL text's command (and so its prepared statement) is kept and used again.
    /// </summary>
    public async Task WriteAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct, PreparedCommands? prepared = null)
    {
        foreach (var statement in statements)
        {
            var command = prepared?.For(statement.Shape.Sql) ?? connection.CreateCommand();
            try
            {
                command.Transaction = transaction;
                command.CommandText = statement.Shape.Sql;
                command.Parameters.Clear();
                for (var i = 0; i < statement.Values.Count; i++)
                {
                    var (mapping, value) = statement.Values[i];
                    command.Parameters.Add(mapping.CreateParameter(command, ParameterName(i), value, nullable: true));
                }
                var rows = await command.ExecuteNonQueryAsync(ct);
                if (statement.Shape.ExpectOneRow && rows != 1) throw Conflict(statement.Shape);
            }
            finally
            {
                if (prepared is null) await command.DisposeAsync();
            }
        }
    }

    public static ConcurrencyConflictException Conflict(SqlShape shape)
        => new($"Someone else changed this {shape.What} first; reload and try again.");

    /// <summary>After the commit: the context's entities are now what the database holds.</summary>
    public void Accept() => db.ChangeTracker.AcceptAllChanges();

    private static Statement Insert(ISqlGenerationHelper sql, EntityEntry entry)
    {
        var properties = InsertedProperties(entry.Metadata);
        var values = properties.Select(p => Value(p, entry.Property(p).CurrentValue)).ToList();
        var shape = Shapes.GetOrAdd((entry.Metadata, "insert"), _ => Shape(
            $"INSERT INTO {Table(sql, entry.Metadata)} ({Columns(sql, properties)}) VALUES ({string.Join(", ", properties.Select((_, i) => Placeholder(i)))})",
            false, entry));
        return new(shape, values);
    }

    private static Statement? Update(ISqlGenerationHelper sql, EntityEntry entry)
    {
        var modified = entry.Properties.Where(p => p.IsModified && !p.Metadata.IsPrimaryKey()).Select(p => p.Metadata).ToList();
        if (modified.Count == 0) return null;   // set back to what it was
        var values = modified.Select(p => Value(p, entry.Property(p).CurrentValue)).ToList();
        values.AddRange(KeyValues(entry));
        var shape = Shapes.GetOrAdd((entry.Metadata, "update:" + string.Join(',', modified.Select(p => p.Name))), _ => Shape(
            $"UPDATE {Table(sql, entry.Metadata)} SET " +
            string.Join(", ", modified.Select((p, i) => $"{sql.DelimitIdentifier(p.GetColumnName())} = {Placeholder(i)}")) +
            $" WHERE {KeyCondition(sql, entry.Metadata, modified.Count)}", true, entry));
        return new(shape, values);
    }

    private static Statement Delete(ISqlGenerationHelper sql, EntityEntry entry)
    {
        var shape = Shapes.GetOrAdd((entry.Metadata, "delete"), _ => Shape(
            $"DELETE FROM {Table(sql, entry.Metadata)} WHERE {KeyCondition(sql, entry.Metadata, 0)}", true, entry));
        return new(shape, KeyValues(entry).ToList());
    }

    /// <summary>The row's key, and the concurrency tokens' original values: the row as this command read it.</summary>
    private static IEnumerable<(RelationalTypeMapping, object?)> KeyValues(EntityEntry entry)
        => KeyAndTokens(entry.Metadata).Select(p => Value(p, entry.Property(p).OriginalValue));

    private static string KeyCondition(ISqlGenerationHelper sql, IEntityType type, int firstParameter)
        => string.Join(" AND ", KeyAndTokens(type).Select((p, i) => $"{sql.DelimitIdentifier(p.GetColumnName())} = {Placeholder(firstParameter + i)}"));

    private static IEnumerable<IProperty> KeyAndTokens(IEntityType type)
        => type.FindPrimaryKey()!.Properties.Concat(type.GetProperties().Where(p => p.IsConcurrencyToken));

    private static IEnumerable<Statement> JournalInserts(WorkflowDbContext db, ISqlGenerationHelper sql, IReadOnlyList<JournalEntryEntity> journal)
    {
        if (journal.Count == 0) yield break;
        var entity = db.Model.FindEntityType(typeof(JournalEntryEntity))!;
        var properties = JournalColumns.GetOrAdd(entity, e => e.GetProperties().Where(p => !p.IsPrimaryKey()).ToList());
        foreach (var chunk in journal.Chunk(JournalRowsPerStatement))
        {
            var values = new List<(RelationalTypeMapping, object?)>(chunk.Length * properties.Count);
            foreach (var row in chunk)
            {
                foreach (var property in properties) values.Add(Value(property, property.PropertyInfo!.GetValue(row)));
            }
            var shape = Shapes.GetOrAdd((entity, $"journal:{chunk.Length}"), _ => SqlShapes.Shared.Get(
                $"INSERT INTO {Table(sql, entity)} ({Columns(sql, properties)}) VALUES " + string.Join(", ", Enumerable.Range(0, chunk.Length)
                    .Select(r => "(" + string.Join(", ", properties.Select((_, c) => Placeholder(r * properties.Count + c))) + ")")),
                false, "journal"));
            yield return new(shape, values);
        }
    }

    /// <summary>
    /// SQL text by entity type and shape (insert, the set of columns an update changes, journal rows): built once, as
    /// EF's own command cache does, since turning the model into quoted SQL was a seventh of a command's CPU.
    /// </summary>
    private static readonly ConcurrentDictionary<(IEntityType Type, string Shape), SqlShape> Shapes = new();

    private static SqlShape Shape(string sql, bool expectOneRow, EntityEntry entry) => SqlShapes.Shared.Get(sql, expectOneRow, Describe(entry));

    private static readonly ConcurrentDictionary<IEntityType, IReadOnlyList<IProperty>> Inserted = new();

    /// <summary>A journal row's columns but its key, which the database numbers (on SQLite the model calls it never generated).</summary>
    private static readonly ConcurrentDictionary<IEntityType, IReadOnlyList<IProperty>> JournalColumns = new();

    private static IReadOnlyList<IProperty> InsertedProperties(IEntityType type)
        => Inserted.GetOrAdd(type, t => t.GetProperties().Where(p => !IsStoreGenerated(p)).ToList());

    private static string Columns(ISqlGenerationHelper sql, IEnumerable<IProperty> properties)
        => string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName())));

    /// <summary>How many foreign keys deep an entity type sits: an instance (0) is inserted before its tasks (1).</summary>
    private static int Depth(IEntityType type) => Depths.GetOrAdd(type, t => t.GetForeignKeys().Where(fk => fk.PrincipalEntityType != t)
        .Select(fk => 1 + Depth(fk.PrincipalEntityType)).DefaultIfEmpty(0).Max());

    private static readonly ConcurrentDictionary<IEntityType, int> Depths = new();

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

    private sealed record Statement(SqlShape Shape, IReadOnlyList<(RelationalTypeMapping Mapping, object? Value)> Values);
}
