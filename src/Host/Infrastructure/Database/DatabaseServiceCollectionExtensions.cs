using Mediation.Workflows.Persistence;
using Mediation.Workflows.Persistence.Sqlite;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Infrastructure.Database;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>Registers the engine's and the Host's contexts for the configured provider.</summary>
    public static IServiceCollection AddMediationDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var connection = SqliteConnections.Normalise(configuration.GetConnectionString("Mediation"), Environment.CurrentDirectory);
                services.AddSingleton(new ResolvedDatabase(DatabaseProvider.Sqlite, connection));
                // Sign-in cookies must survive a restart: keep the data-protection keys beside the database.
                services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(
                    Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource) ?? ".", "keys")));
                services.AddPooledDbContextFactory<SqliteWorkflowDbContext>(o => o
                    .UseSqlite(connection, s => s.MigrationsHistoryTable(WorkflowDbContext.MigrationsHistoryTable))
                    .AddInterceptors(new SqlitePragmaInterceptor()));
                services.AddSingleton<IWorkflowDbFactory, PooledWorkflowDbFactory<SqliteWorkflowDbContext>>();
                services.AddDbContext<HostDbContext, SqliteHostDbContext>(o => o
                    .UseSqlite(connection, s => s.MigrationsHistoryTable(HostDbContext.MigrationsHistoryTable))
                    .AddInterceptors(new SqlitePragmaInterceptor()));
                break;
            default:
                throw new InvalidOperationException(
                    $"Mediation:Database:Provider is '{options.Provider}', which this build cannot run yet; set it to 'Sqlite' (PostgreSql and SqlServer arrive with their migrations).");
        }
        return services;
    }
}

/// <summary>The provider and the completed connection string in force (Hangfire and the backup verb read it).</summary>
public sealed record ResolvedDatabase(DatabaseProvider Provider, string ConnectionString);

internal sealed class PooledWorkflowDbFactory<TContext>(IDbContextFactory<TContext> factory) : IWorkflowDbFactory
    where TContext : WorkflowDbContext
{
    public WorkflowDbContext Create() => factory.CreateDbContext();

    public bool SingleWriter => typeof(TContext) == typeof(SqliteWorkflowDbContext);
}
