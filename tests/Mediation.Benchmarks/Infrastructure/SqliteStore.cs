using Mediation.Workflows.Persistence;
using Mediation.Workflows.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.Benchmarks.Infrastructure;

/// <summary>
/// SQLite as the Host wires it (the Host's connection string settings and pragmas), on a file: a temp file deleted
/// afterwards, or the one given with <c>--file</c>, which is kept.
/// </summary>
internal sealed class SqliteStore : IBenchmarkStore
{
    private readonly BenchmarkOptions options;
    private readonly bool deleteFile;

    private SqliteStore(BenchmarkOptions options)
    {
        this.options = options;
        Given = options.File is not null;
        deleteFile = !Given && !options.KeepFile;
        Location = Path.GetFullPath(options.File ?? Path.Combine(Path.GetTempPath(), $"mediation-bench-{Guid.NewGuid():N}.db"));
    }

    public string Location { get; }

    public bool Given { get; }

    public static SqliteStore From(BenchmarkOptions options)
        => options.Connection is null ? new SqliteStore(options)
            : throw new UsageException("--connection is for --provider PostgreSql; with SQLite use --file PATH.");

    public void AddWorkflowDb(IServiceCollection services, IInterceptor[] interceptors)
    {
        // The Host's SqliteConnections.Normalise: 30 s default timeout, pooled connections (the pragmas set foreign keys).
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Location,
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
        services.AddPooledDbContextFactory<SqliteWorkflowDbContext>(o => o
            .UseSqlite(connectionString, s => s.MigrationsHistoryTable(WorkflowDbContext.MigrationsHistoryTable))
            .AddInterceptors([new SqlitePragmaInterceptor(Pragmas(options)), CommandLogBarrier.Instance, .. interceptors]));
        services.AddSingleton<IWorkflowDbFactory, PooledWorkflowDbFactory<SqliteWorkflowDbContext>>();
    }

    /// <summary>The product's pragmas with the benchmark's <c>--synchronous</c> and <c>--pragma</c> experiments.</summary>
    private static string Pragmas(BenchmarkOptions options)
        => SqlitePragmaInterceptor.ProductPragmas.Replace("synchronous=FULL", $"synchronous={options.SqliteSynchronous}", StringComparison.Ordinal)
            + string.Concat(options.Pragmas.Select(p => "; " + p));

    public Task PrepareAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Location)!);
        if (options.KeepFile && !Given) Console.Error.WriteLine($"database file: {Location} (kept)");
        return Task.CompletedTask;
    }

    // SQLite runs inside this process: its CPU is the process's.
    public TimeSpan? ServerCpuTime() => null;

    public Task<string> DescribeAsync(CancellationToken ct)
        => Task.FromResult($"sqlite file, WAL, synchronous={options.SqliteSynchronous}" + string.Concat(options.Pragmas.Select(p => ", " + p)));

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (!deleteFile) return ValueTask.CompletedTask;
        foreach (var path in new[] { Location, Location + "-wal", Location + "-shm", Location + "-journal" })
        {
            if (File.Exists(path)) File.Delete(path);
        }
        var log = Mediation.Workflows.Persistence.CommandLog.LoggedCommits.DirectoryFor(Location);
        if (Directory.Exists(log)) Directory.Delete(log, recursive: true);
        return ValueTask.CompletedTask;
    }
}
