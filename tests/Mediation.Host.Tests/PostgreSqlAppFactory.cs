using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Persistence.PostgreSql;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.Host.Tests;

/// <summary>The Host on a fresh database of its own on the test server (<see cref="PostgreSqlTestServer"/>), dropped afterwards.</summary>
public sealed class PostgreSqlAppFactory : MediationAppFactory
{
    private string? connectionString;

    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override string ConnectionString => connectionString
        ?? throw new InvalidOperationException($"No database was created: call {nameof(RequireServer)} in the test class's constructor.");

    public override async ValueTask InitializeAsync()
    {
        // Without a server the test class's constructor skips (or, on CI, fails) its tests: nothing to create then.
        if (PostgreSqlTestServer.IsConfigured) connectionString = await PostgreSqlTestServer.CreateDatabaseAsync();
    }

    /// <summary>Skips the calling test class when no server is configured, and fails it instead when <c>CI=true</c>.</summary>
    public PostgreSqlAppFactory RequireServer()
    {
        PostgreSqlTestServer.SkipUnlessConfigured();
        return this;
    }

    protected override void AddWorkflowDbInterceptor(IServiceCollection services, IInterceptor interceptor)
        => services.ConfigureDbContext<PostgreSqlWorkflowDbContext>(o => o.AddInterceptors(interceptor));

    protected override async ValueTask DeleteDatabaseAsync()
    {
        if (connectionString is not null) await PostgreSqlTestServer.DropDatabaseAsync(connectionString);
    }
}
