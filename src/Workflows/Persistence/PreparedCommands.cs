using System.Data.Common;

namespace Mediation.Workflows.Persistence;

/// <summary>
/// Commands kept per SQL text on one long-lived connection. SQLite parses and plans a statement when a command first
/// runs and keeps that plan while the command and its connection live, so the writer's statements (a handful of
/// shapes) are prepared once instead of on every command: preparing was the largest single cost of a write.
/// </summary>
internal sealed class PreparedCommands(DbConnection connection) : IDisposable
{
    // Journal inserts vary with their row count, updates with their columns: a few dozen shapes in practice.
    private const int MaxCommands = 512;
    private readonly Dictionary<string, DbCommand> commands = new(StringComparer.Ordinal);

    public DbCommand For(string sql)
    {
        if (commands.TryGetValue(sql, out var command)) return command;
        if (commands.Count >= MaxCommands) Clear();
        command = connection.CreateCommand();
        command.CommandText = sql;
        commands[sql] = command;
        return command;
    }

    private void Clear()
    {
        foreach (var command in commands.Values) command.Dispose();
        commands.Clear();
    }

    public void Dispose() => Clear();
}
