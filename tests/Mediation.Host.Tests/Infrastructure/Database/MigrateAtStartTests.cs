using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.Host.Tests.Infrastructure.Database;

/// <summary><c>Mediation:Database:Migrate</c>: true applies both migration sets at start-up; false leaves the schema to a DBA.</summary>
public sealed class MigrateAtStartTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"mediation-migrate-{Guid.NewGuid():N}.db");

    [Theory]
    [InlineData(true, new[] { "JournalEntries", "AspNetUsers", "__WorkflowMigrationsHistory", "__HostMigrationsHistory" })]
    [InlineData(false, new string[0])]
    public async Task StartUp_MigratesBothContexts_OnlyWhenMigrateIsTrue(bool migrate, string[] expectedTables)
    {
        await using var provider = Services(migrate);
        await using (var create = new SqliteConnection($"Data Source={file};Pooling=False")) await create.OpenAsync(TestContext.Current.CancellationToken);

        await provider.MigrateMediationDatabaseAsync(TestContext.Current.CancellationToken);

        var tables = await TablesAsync();
        Assert.All(expectedTables, t => Assert.Contains(t, tables));
        if (!migrate) Assert.Empty(tables);
    }

    [Fact]
    public async Task StartUp_WithMigrateFalse_StopsWithOneLineNamingTheFile_WhenTheSqliteFileIsMissing()
    {
        await using var provider = Services(migrate: false);

        var error = await Assert.ThrowsAsync<DatabaseConfigurationException>(() => provider.MigrateMediationDatabaseAsync(TestContext.Current.CancellationToken));

        Assert.Contains(file, error.Message);
        Assert.Contains("Mediation:Database:Migrate", error.Message);
        Assert.False(File.Exists(file));
    }

    /// <summary>The database services as the Host registers them, on this test's file.</summary>
    private ServiceProvider Services(bool migrate)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Mediation"] = $"Data Source={file}",
            ["Mediation:Database:Migrate"] = migrate ? "true" : "false",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddMediationDatabase(configuration);
        services.AddMediationWorkflows();
        return services.BuildServiceProvider();
    }

    private async Task<List<string>> TablesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) tables.Add(reader.GetString(0));
        return tables;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
    }
}
