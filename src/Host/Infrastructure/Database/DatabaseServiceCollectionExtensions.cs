using Mediation.Workflows.Persistence;
using Mediation.Workflows.Persistence.PostgreSql;
using Mediation.Workflows.Persistence.Sqlite;
using Mediation.Workflows.Persistence.SqlServer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Infrastructure.Database;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>Registers the engine's and the Host's contexts for the configured provider.</summary>
    public static IServiceCollection AddMediationDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        var options = ReadOptions(configuration);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var connection = SqliteConnections.Normalise(configuration.GetConnectionString("Mediation"), Environment.CurrentDirectory);
                services.AddSingleton(new ResolvedDatabase(DatabaseProvider.Sqlite, connection));
                services.AddPooledDbContextFactory<SqliteWorkflowDbContext>(o => o
                    .UseSqlite(connection, s => s.MigrationsHistoryTable(WorkflowDbContext.MigrationsHistoryTable))
                    .AddInterceptors(new SqlitePragmaInterceptor(), CommandLogBarrier.Instance));
                services.AddSingleton<IWorkflowDbFactory, PooledWorkflowDbFactory<SqliteWorkflowDbContext>>();
                services.AddDbContext<HostDbContext, SqliteHostDbContext>(o => o
                    .UseSqlite(connection, s => s.MigrationsHistoryTable(HostDbContext.MigrationsHistoryTable))
                    .AddInterceptors(new SqlitePragmaInterceptor(), CommandLogBarrier.Instance));
                break;
            case DatabaseProvider.PostgreSql:
                var postgres = RequiredConnection(configuration, options.Provider);
                services.AddSingleton(new ResolvedDatabase(DatabaseProvider.PostgreSql, postgres));
                services.AddPooledDbContextFactory<PostgreSqlWorkflowDbContext>(o => o
                    .UseNpgsql(postgres, s => s.MigrationsHistoryTable(WorkflowDbContext.MigrationsHistoryTable)));
                services.AddSingleton<IWorkflowDbFactory, PooledWorkflowDbFactory<PostgreSqlWorkflowDbContext>>();
                services.AddDbContext<HostDbContext, PostgreSqlHostDbContext>(o => o
                    .UseNpgsql(postgres, s => s.MigrationsHistoryTable(HostDbContext.MigrationsHistoryTable)));
                break;
            case DatabaseProvider.SqlServer:
                var sqlServer = RequiredConnection(configuration, options.Provider);
                services.AddSingleton(new ResolvedDatabase(DatabaseProvider.SqlServer, sqlServer));
                services.AddPooledDbContextFactory<SqlServerWorkflowDbContext>(o => o
                    .UseSqlServer(sqlServer, s => s.MigrationsHistoryTable(WorkflowDbContext.MigrationsHistoryTable)));
                services.AddSingleton<IWorkflowDbFactory, PooledWorkflowDbFactory<SqlServerWorkflowDbContext>>();
                services.AddDbContext<HostDbContext, SqlServerHostDbContext>(o => o
                    .UseSqlServer(sqlServer, s => s.MigrationsHistoryTable(HostDbContext.MigrationsHistoryTable)));
                break;
        }
        // Cookies and bearer tokens must survive a restart and be accepted by every Host process on this database:
        // the key ring lives in it (a backup carries it along), under one application name whatever each node's path.
        services.AddDataProtection().SetApplicationName("Mediation").PersistKeysToDbContext<HostDbContext>();
        return services;
    }

    /// <summary>The database options before the container exists; an unknown provider stops with one line.</summary>
    internal static DatabaseOptions ReadOptions(IConfiguration configuration)
    {
        var provider = configuration[$"{DatabaseOptions.Section}:Provider"];
        if (!string.IsNullOrEmpty(provider) && !Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out _))
        {
            throw new DatabaseConfigurationException(
                $"Mediation:Database:Provider is '{provider}'; use Sqlite (the default), PostgreSql or SqlServer.");
        }
        return configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
    }

    private static string RequiredConnection(IConfiguration configuration, DatabaseProvider provider)
        => configuration.GetConnectionString("Mediation") is { Length: > 0 } connection ? connection
            : throw new DatabaseConfigurationException(
                $"Mediation:Database:Provider is {provider} but ConnectionStrings:Mediation is empty; set it (environment variable ConnectionStrings__Mediation).");
}

/// <summary>A configuration the Host cannot start with: the message says what to fix, in one line.</summary>
public sealed class DatabaseConfigurationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The provider and the completed connection string in force (Hangfire and the backup verb read it).</summary>
public sealed record ResolvedDatabase(DatabaseProvider Provider, string ConnectionString);

internal sealed class PooledWorkflowDbFactory<TContext>(IDbContextFactory<TContext> factory) : IWorkflowDbFactory
    where TContext : WorkflowDbContext
{
    public WorkflowDbContext Create() => factory.CreateDbContext();

    public bool SingleWriter => typeof(TContext) == typeof(SqliteWorkflowDbContext);
}
