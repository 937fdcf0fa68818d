using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mediation.Benchmarks.Infrastructure;

/// <summary>
/// The Host's per-connection pragmas (src/Host/Infrastructure/Database/SqliteConnections.cs), copied so the benchmark
/// measures the product's settings without referencing the Host: WAL, synchronous=FULL (a power cut loses no
/// committed step), a 30 s busy timeout. Run on every open, as the Host does, because that cost is the product's too.
/// </summary>
internal sealed class SqlitePragmaInterceptor(string synchronous, IReadOnlyList<string> extra) : DbConnectionInterceptor
{
    private readonly string pragmas = $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=30000;"
        + string.Concat(extra.Select(p => $" PRAGMA {p};"));

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
