using Mediation.Workflows;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.Benchmarks.Infrastructure;

/// <summary>
/// The engine as the Host's <c>AddMediationDatabase</c> wires it for the chosen provider (a pooled context factory,
/// an <c>IWorkflowDbFactory</c> over it, <c>AddMediationWorkflows()</c>), migrated with <c>MigrateAsync</c>.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly IBenchmarkStore store;

    private BenchmarkDatabase(ServiceProvider services, IBenchmarkStore store)
    {
        this.services = services;
        this.store = store;
        Engine = services.GetRequiredService<IWorkflowEngine>();
        Databases = services.GetRequiredService<IWorkflowDbFactory>();
    }

    public string Location => store.Location;

    /// <summary>The provider and its durability settings, for the result line.</summary>
    public string Description { get; private set; } = "";

    public IWorkflowEngine Engine { get; }

    public TimeSpan? ServerCpuTime() => store.ServerCpuTime();

    /// <summary>For the benchmark's own checks (counts), never for the measured work, which goes through <see cref="Engine"/>.</summary>
    public IWorkflowDbFactory Databases { get; }

    public static async Task<BenchmarkDatabase> OpenAsync(BenchmarkOptions options, CancellationToken ct, params IInterceptor[] extra)
    {
        var store = StoreFor(options);
        var collection = new ServiceCollection();
        store.AddWorkflowDb(collection, extra);
        collection.AddMediationWorkflows();
        var database = new BenchmarkDatabase(collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }), store);
        try
        {
            await store.PrepareAsync(ct);
            await using (var db = database.Databases.Create())
            {
                await db.Database.MigrateAsync(ct);
                // A kept database may hold earlier runs: a figure on full tables is not one on empty ones.
                if (store.Given) Console.Error.WriteLine($"{store.Location} holds {await db.ProcessInstances.CountAsync(ct)} instances");
            }
            database.Description = await store.DescribeAsync(ct);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    private static IBenchmarkStore StoreFor(BenchmarkOptions options) => options.Provider.ToLowerInvariant() switch
    {
        "sqlite" => SqliteStore.From(options),
        "postgresql" => PostgreSqlStore.From(options),
        "sqlserver" => throw new UsageException(
            "SqlServer is not benchmarked: there is no SQL Server on these machines (use --provider Sqlite or PostgreSql)."),
        _ => throw new UsageException($"--provider is Sqlite, PostgreSql or SqlServer, not '{options.Provider}'."),
    };

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();   // first: the pooled contexts give their connections back
        await store.DisposeAsync();
    }
}
