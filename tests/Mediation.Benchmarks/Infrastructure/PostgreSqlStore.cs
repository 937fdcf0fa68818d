using Mediation.Workflows.Persistence;
using Mediation.Workflows.Persistence.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Mediation.Benchmarks.Infrastructure;

/// <summary>
/// PostgreSQL as the Host wires it (the connection string as given, Npgsql's pooling). Without a Database in
/// <c>--connection</c> the run creates <c>mediation_bench_&lt;random&gt;</c> and drops it afterwards (kept with
/// <c>--keep-file</c>), so every figure starts from empty tables. A named database is created if missing and kept,
/// as a <c>--file</c> is: a later run reuses what is in it.
/// </summary>
internal sealed class PostgreSqlStore : IBenchmarkStore
{
    private const string MaintenanceDatabase = "postgres";
    private readonly string connectionString;
    private readonly NpgsqlConnectionStringBuilder builder;
    private readonly bool drop;
    private bool created;

    private PostgreSqlStore(NpgsqlConnectionStringBuilder builder, bool keep)
    {
        Given = !string.IsNullOrEmpty(builder.Database);
        if (!Given) builder.Database = $"mediation_bench_{Guid.NewGuid().ToString("N")[..8]}";
        drop = !Given && !keep;
        this.builder = builder;
        connectionString = builder.ConnectionString;
        Location = $"postgresql database {builder.Database} on {builder.Host}:{builder.Port}";
    }

    public string Location { get; }

    public bool Given { get; }

    public static PostgreSqlStore From(BenchmarkOptions options)
    {
        // These tune SQLite only; silently ignoring them would print a figure that is not what was asked for.
        if (options.File is not null)
            throw new UsageException("--file is SQLite's; with PostgreSql name the database in --connection (Database=...).");
        if (options.Synchronous is not null)
            throw new UsageException("--synchronous is a SQLite pragma; PostgreSql runs with the server's synchronous_commit.");
        if (options.Pragmas.Count > 0)
            throw new UsageException("--pragma is for SQLite; PostgreSql runs with the server's settings.");
        if (options.Connection is null)
        {
            throw new UsageException(
                "--provider PostgreSql needs --connection \"Host=localhost;Port=5432;Username=...;Password=...[;Database=...]\".");
        }
        try
        {
            return new PostgreSqlStore(new NpgsqlConnectionStringBuilder(options.Connection), options.KeepFile);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--connection is not an Npgsql connection string: {e.Message}");
        }
    }

    public void AddWorkflowDb(IServiceCollection services, IInterceptor[] interceptors)
    {
        services.AddPooledDbContextFactory<PostgreSqlWorkflowDbContext>(o => o
            .UseNpgsql(connectionString, s => s.MigrationsHistoryTable(WorkflowDbContext.MigrationsHistoryTable))
            .AddInterceptors(interceptors));
        services.AddSingleton<IWorkflowDbFactory, PooledWorkflowDbFactory<PostgreSqlWorkflowDbContext>>();
    }

    public async Task PrepareAsync(CancellationToken ct)
    {
        try
        {
            await CreateIfMissingAsync(ct);
        }
        catch (NpgsqlException e)
        {
            throw new BenchmarkFailedException($"the PostgreSQL server cannot be used ({e.Message}); check --connection and that it runs.");
        }
    }

    private async Task CreateIfMissingAsync(CancellationToken ct)
    {
        await using var admin = await OpenMaintenanceAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", admin)
        {
            Parameters = { new() { Value = builder.Database } },
        };
        var found = await exists.ExecuteScalarAsync(ct) is not null;
        if (!found)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Quote(builder.Database!)}", admin);
            await create.ExecuteNonQueryAsync(ct);
            created = true;
        }
        var fate = drop ? "dropped afterwards" : "kept";
        Console.Error.WriteLine($"{Location}: {(found ? "exists, reused" : "created")}, {fate}");
    }

    // A remote server's CPU is not this machine's to see; a local one's backends are processes named postgres.
    public TimeSpan? ServerCpuTime()
        => builder.Host is "localhost" or "127.0.0.1" or "::1" || builder.Host?.StartsWith('/') == true
            ? Machine.CpuTimeOf("postgres") : null;

    public async Task<string> DescribeAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('server_version'), current_setting('synchronous_commit'), current_setting('fsync')", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var version = reader.GetString(0).Split(' ')[0];   // "15.18 (Debian 15.18-0+deb12u1)"
        // fsync=off makes every commit fast and nothing durable: say so, it is not the product's setting.
        var fsync = reader.GetString(2) == "on" ? "" : ", fsync=off";
        return $"postgresql {version} on {builder.Host}, synchronous_commit={reader.GetString(1)}{fsync}";
    }

    public async ValueTask DisposeAsync()
    {
        if (!drop || !created) return;
        // Idle pooled connections would keep the database in use; FORCE (PostgreSQL 13+) ends any left over.
        NpgsqlConnection.ClearAllPools();
        await using var admin = await OpenMaintenanceAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Quote(builder.Database!)} WITH (FORCE)", admin);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenMaintenanceAsync(CancellationToken ct)
    {
        // CREATE and DROP DATABASE cannot run inside the database itself; no pooling, so nothing lingers on it.
        var admin = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(connectionString) { Database = MaintenanceDatabase, Pooling = false }.ConnectionString);
        await admin.OpenAsync(ct);
        return admin;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
