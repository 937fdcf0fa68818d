using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.Host.Tests;

/// <summary>The Host on a temporary SQLite file of its own.</summary>
public sealed class SqliteAppFactory : MediationAppFactory
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public SqliteAppFactory() => DatabaseFile = Path.Combine(Folder, "mediation.db");

    /// <summary>The SQLite file: this factory's own unless set, e.g. to another factory's file (a second node) or a backup.</summary>
    public string DatabaseFile { get; init; }

    protected override string ConnectionString => $"Data Source={DatabaseFile}";

    protected override void AddWorkflowDbInterceptor(IServiceCollection services, IInterceptor interceptor)
        => services.ConfigureDbContext<SqliteWorkflowDbContext>(o => o.AddInterceptors(interceptor));

    protected override ValueTask DeleteDatabaseAsync()
    {
        // The file goes with the factory's folder once no pooled connection holds it.
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}
