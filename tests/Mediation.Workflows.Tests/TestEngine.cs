using System.Text;
using System.Text.Json.Nodes;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Persistence;
using Mediation.Workflows.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mediation.Workflows.Tests;

/// <summary>
/// A whole engine for one test: the real services from <c>AddMediationWorkflows()</c>, a migrated SQLite
/// database of its own and a virtual clock. Every test builds its own, so no test sees another's data.
/// </summary>
internal sealed class TestEngine : IAsyncDisposable
{
    /// <summary>Monday 2026-03-02 09:00 in Asia/Shanghai (+08:00): the scenario runner's default clock.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly ServiceProvider services;
    private readonly DbContextOptions<SqliteWorkflowDbContext> options;
    private readonly SqliteConnection? keepAlive;
    private readonly string? databaseFile;

    private TestEngine(ServiceProvider services, DbContextOptions<SqliteWorkflowDbContext> options, FakeTimeProvider clock,
        SqliteConnection? keepAlive, string? databaseFile)
    {
        this.services = services;
        this.options = options;
        this.keepAlive = keepAlive;
        this.databaseFile = databaseFile;
        Clock = clock;
        Engine = services.GetRequiredService<IWorkflowEngine>();
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>A context on the engine's database, to look at rows the API does not show.</summary>
    public WorkflowDbContext Database() => new SqliteWorkflowDbContext(options);

    /// <summary>The engine's commit queue, to watch commands share a transaction.</summary>
    public GroupCommit GroupCommit => services.GetRequiredService<GroupCommit>();

    /// <summary>The rows the engine keeps from its commits (SQLite).</summary>
    public HotRows HotRows => services.GetRequiredService<HotRows>();

    /// <summary>The temp file of <see cref="CreateOnTempFileAsync"/> (null for the in-memory database).</summary>
    public string? DatabaseFile => databaseFile;

    public IWorkflowEngine Engine { get; }

    /// <summary>A context on this engine's database, to look at rows the engine's API does not show (timers).</summary>
    public WorkflowDbContext OpenDb() => new SqliteWorkflowDbContext(options);

    /// <summary>An engine on an in-memory database that lives as long as this object (one connection shared by every context).</summary>
    public static async Task<TestEngine> CreateAsync(FakeTimeProvider? clock = null, Action<IServiceCollection>? configure = null)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var options = new DbContextOptionsBuilder<SqliteWorkflowDbContext>()
            .UseSqlite(connection, s => s.MigrationsHistoryTable(WorkflowDbContext.MigrationsHistoryTable))
            .Options;
        return await BuildAsync(options, clock, connection, databaseFile: null, configure);
    }

    /// <summary>
    /// An engine on a temporary SQLite file: each context opens its own connection, so commands can really run
    /// at the same time (a shared in-memory connection would serialise them, or break).
    /// </summary>
    public static Task<TestEngine> CreateOnTempFileAsync(FakeTimeProvider? clock = null, params IInterceptor[] interceptors)
        => OnFileAsync(TempFile(), clock, interceptors);

    /// <summary>A temporary file's path, for <see cref="OnFileAsync"/>; it goes with the engine that opens it.</summary>
    public static string TempFile() => Path.Combine(Path.GetTempPath(), $"mediation-workflows-{Guid.NewGuid():N}.db");

    /// <summary>
    /// As the Host has SQLite: a temporary file in WAL mode with <c>synchronous=FULL</c>, where commits go through
    /// the command log.
    /// </summary>
    public static Task<TestEngine> CreateLoggedAsync(FakeTimeProvider? clock = null, EngineOptions? engineOptions = null)
        => OnFileAsync(TempFile(), clock, engineOptions, new SqlitePragmaInterceptor());

    /// <summary>An engine on <paramref name="file"/> (made if missing, migrated, deleted with its command log when the engine goes).</summary>
    public static Task<TestEngine> OnFileAsync(string file, FakeTimeProvider? clock = null, params IInterceptor[] interceptors)
        => OnFileAsync(file, clock, null, interceptors);

    /// <inheritdoc cref="OnFileAsync(string, FakeTimeProvider?, IInterceptor[])"/>
    public static async Task<TestEngine> OnFileAsync(string file, FakeTimeProvider? clock, EngineOptions? engineOptions, params IInterceptor[] interceptors)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Pooling = false,        // so the file can be deleted when the test ends
            DefaultTimeout = 30,    // seconds a writer waits for the lock, as the Host sets it
        }.ToString();
        var options = new DbContextOptionsBuilder<SqliteWorkflowDbContext>()
            .UseSqlite(connectionString, s => s.MigrationsHistoryTable(WorkflowDbContext.MigrationsHistoryTable))
            .AddInterceptors(interceptors)
            .AddInterceptors(CommandLogBarrier.Instance)   // as every product context on SQLite has it
            .Options;
        return await BuildAsync(options, clock, keepAlive: null, file,
            engineOptions is null ? null : services => services.AddSingleton(engineOptions));
    }

    private static async Task<TestEngine> BuildAsync(DbContextOptions<SqliteWorkflowDbContext> options, FakeTimeProvider? clock,
        SqliteConnection? keepAlive, string? databaseFile, Action<IServiceCollection>? configure = null)
    {
        clock ??= new FakeTimeProvider(DefaultStart);
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(clock);   // before AddMediationWorkflows, which only TryAdds the system clock
        collection.AddSingleton<IWorkflowDbFactory>(new TestDbFactory(options));
        configure?.Invoke(collection);
        collection.AddMediationWorkflows();
        var services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        services.GetRequiredService<GroupCommit>().Recover();   // as the Host starts: the command log first, then migrations
        await using (var db = services.GetRequiredService<IWorkflowDbFactory>().Create())
        {
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        }
        return new TestEngine(services, options, clock, keepAlive, databaseFile);
    }

    /// <summary>
    /// A second engine on this one's database and clock, with its own (empty) caches: what a restarted Host or a
    /// second Host process sees. The database stays owned by this engine. The product runs one process per SQLite
    /// file, and the command log's lock holds it to that; this stand-in for another process commits without the log.
    /// </summary>
    public Task<TestEngine> RestartedAsync()
        => BuildAsync(options, Clock, keepAlive: null, databaseFile: null, services => services.AddSingleton(new EngineOptions { CommandLog = false }));

    /// <summary>Deploys a file under the output folder (e.g. <c>TestData/x.bpmn</c>) or XML text, and insists it deploys.</summary>
    public async Task<DeploymentResult> DeployAsync(string pathOrXml)
    {
        var isXml = pathOrXml.TrimStart().StartsWith('<');
        var content = isXml ? Encoding.UTF8.GetBytes(pathOrXml) : await File.ReadAllBytesAsync(TestFile(pathOrXml));
        var result = await Engine.DeployAsync(content, isXml ? "inline.bpmn" : Path.GetFileName(pathOrXml), TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, "Deployment refused: " + string.Join("; ", result.Findings.Select(f => f.Format("deploy"))));
        return result;
    }

    public Task<ProcessInstanceView> StartAsync(string key, string? businessKey = null,
        IReadOnlyDictionary<string, JsonNode?>? variables = null, string? actor = "kermit")
        => Engine.StartAsync(new StartRequest(key, businessKey, variables, actor), TestContext.Current.CancellationToken);

    public async Task<ProcessInstanceView> InstanceAsync(Guid id)
        => await Engine.GetInstanceAsync(id, TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException($"Instance {id} is not stored.");

    /// <summary>The open tasks of one instance, as an administrator sees them.</summary>
    public Task<IReadOnlyList<UserTaskView>> OpenTasksAsync(Guid instanceId)
        => Engine.ListTasksAsync(new TaskQuery { SeeAll = true, InstanceId = instanceId }, TestContext.Current.CancellationToken);

    public async Task<UserTaskView> SingleOpenTaskAsync(Guid instanceId, string elementId)
        => Assert.Single(await OpenTasksAsync(instanceId), t => t.ElementId == elementId);

    public async Task<TaskOutcome> CompleteAsync(Guid taskId, string actor = "kermit",
        IReadOnlyDictionary<string, JsonNode?>? variables = null, int? expectedRevision = null)
        => (await Engine.CompleteTaskAsync(new CompleteTaskRequest(taskId, actor, variables, expectedRevision),
            TestContext.Current.CancellationToken)).Outcome;

    public Task<IReadOnlyList<JournalEntryView>> JournalAsync(Guid instanceId)
        => Engine.GetJournalAsync(instanceId, TestContext.Current.CancellationToken);

    public static string TestFile(string relativePath) => Path.Combine(AppContext.BaseDirectory, relativePath);

    public static IReadOnlyDictionary<string, JsonNode?> Variables(params (string Name, JsonNode? Value)[] variables)
        => variables.ToDictionary(v => v.Name, v => v.Value);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        if (keepAlive is not null) await keepAlive.DisposeAsync();
        if (databaseFile is not null)
        {
            foreach (var file in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm", databaseFile + "-journal" })
            {
                if (File.Exists(file)) File.Delete(file);
            }
            var log = Workflows.Persistence.CommandLog.LoggedCommits.DirectoryFor(databaseFile);
            if (Directory.Exists(log)) Directory.Delete(log, recursive: true);
        }
    }

    /// <summary>SQLite as the Host has it: one writer, so commits go through the engine's group commit.</summary>
    private sealed class TestDbFactory(DbContextOptions<SqliteWorkflowDbContext> options) : IWorkflowDbFactory
    {
        public WorkflowDbContext Create() => new SqliteWorkflowDbContext(options);

        public bool SingleWriter => true;
    }
}
