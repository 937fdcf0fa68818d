using Mediation.Workflows;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Persistence;
using Mediation.Workflows.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.Benchmarks.Infrastructure;

/// <summary>
/// The engine as the Host wires it for SQLite (a pooled context factory, the Host's connection string settings and
/// pragmas), on a file: a temp file deleted afterwards, or the one given with <c>--file</c>, which is kept.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly bool deleteFile;

    private BenchmarkDatabase(ServiceProvider services, string file, bool deleteFile)
    {
        this.services = services;
        this.deleteFile = deleteFile;
        File = file;
        Engine = services.GetRequiredService<IWorkflowEngine>();
        Databases = services.GetRequiredService<IWorkflowDbFactory>();
    }

    public string File { get; }

    public IWorkflowEngine Engine { get; }

    /// <summary>For the benchmark's own checks (counts), never for the measured work, which goes through <see cref="Engine"/>.</summary>
    public IWorkflowDbFactory Databases { get; }

    public static string Describe(BenchmarkOptions options)
        => $"sqlite file, WAL, synchronous={options.Synchronous}" + string.Concat(options.Pragmas.Select(p => ", " + p));

    public static async Task<BenchmarkDatabase> OpenAsync(BenchmarkOptions options, CancellationToken ct, params IInterceptor[] extra)
    {
        RejectOtherProviders(options);
        var deleteFile = options.File is null && !options.KeepFile;
        var file = Path.GetFullPath(options.File ?? Path.Combine(Path.GetTempPath(), $"mediation-bench-{Guid.NewGuid():N}.db"));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        // The Host's SqliteConnections.Normalise: 30 s default timeout, pooled connections.
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();

        var collection = new ServiceCollection();
        collection.AddPooledDbContextFactory<SqliteWorkflowDbContext>(o => o
            .UseSqlite(connectionString, s => s.MigrationsHistoryTable(WorkflowDbContext.MigrationsHistoryTable))
            .AddInterceptors([new SqlitePragmaInterceptor(Pragmas(options)), .. extra]));
        collection.AddSingleton<IWorkflowDbFactory, PooledFactory>();
        collection.AddMediationWorkflows();
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var database = new BenchmarkDatabase(provider, file, deleteFile);
        await using (var db = database.Databases.Create())
        {
            await db.Database.MigrateAsync(ct);
        }
        if (options.KeepFile) Console.Error.WriteLine($"database file: {file} (kept)");
        return database;
    }

    /// <summary>The product's pragmas with the benchmark's <c>--synchronous</c> and <c>--pragma</c> experiments.</summary>
    private static string Pragmas(BenchmarkOptions options)
        => SqlitePragmaInterceptor.ProductPragmas.Replace("synchronous=FULL", $"synchronous={options.Synchronous}", StringComparison.Ordinal)
            + string.Concat(options.Pragmas.Select(p => "; " + p));

    private static void RejectOtherProviders(BenchmarkOptions options)
    {
        switch (options.Provider.ToLowerInvariant())
        {
            case "sqlite":
                if (options.Connection is not null)
                    throw new UsageException("--connection is for --provider PostgreSql|SqlServer; with SQLite use --file PATH.");
                return;
            case "postgresql":
                throw new UsageException("PostgreSql arrives with issue 4; this build benchmarks SQLite only (--provider Sqlite).");
            case "sqlserver":
                throw new UsageException("SqlServer is not benchmarked yet; this build benchmarks SQLite only (--provider Sqlite).");
            default:
                throw new UsageException($"--provider is Sqlite, PostgreSql or SqlServer, not '{options.Provider}'.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (!deleteFile) return;
        foreach (var path in new[] { File, File + "-wal", File + "-shm", File + "-journal" })
        {
            if (System.IO.File.Exists(path)) System.IO.File.Delete(path);
        }
    }

    /// <summary>The Host's PooledWorkflowDbFactory: a context from EF's pool per command.</summary>
    private sealed class PooledFactory(IDbContextFactory<SqliteWorkflowDbContext> factory) : IWorkflowDbFactory
    {
        public WorkflowDbContext Create() => factory.CreateDbContext();

        // As the Host's SQLite factory: commits queue in-process.
        public bool SingleWriter => true;
    }
}
