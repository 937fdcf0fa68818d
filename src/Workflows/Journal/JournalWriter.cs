using System.Data.Common;
using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Mediation.Workflows.Journal;

/// <summary>
/// Appends a command's journal entries as multi-row INSERTs inside the command's transaction. A command writes
/// a dozen entries; as tracked entities each was a statement of its own, most of the engine's write cost.
/// Names and value conversions come from the EF model, so every provider gets its own quoting and types.
/// </summary>
internal static class JournalWriter
{
    private const int RowsPerStatement = 50;

    public static async Task AppendAsync(WorkflowDbContext db, IReadOnlyList<JournalEntryEntity> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(JournalEntryEntity))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entity.GetProperties().Where(p => p.Name != nameof(JournalEntryEntity.Id)).ToList();
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName())));
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var chunk in entries.Chunk(RowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var rows = new List<string>(chunk.Length);
            foreach (var entry in chunk)
            {
                var names = new List<string>(properties.Count);
                foreach (var property in properties)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = sql.GenerateParameterName($"p{command.Parameters.Count}");
                    var value = property.PropertyInfo!.GetValue(entry);
                    var converter = property.GetTypeMapping().Converter;
                    parameter.Value = (converter is null || value is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                    names.Add(sql.GenerateParameterNamePlaceholder(parameter.ParameterName.TrimStart('@', ':', '$')));
                }
                rows.Add("(" + string.Join(", ", names) + ")");
            }
            command.CommandText = $"INSERT INTO {table} ({columns}) VALUES {string.Join(", ", rows)}";
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
