using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mediation.Host.Infrastructure.Database;

/// <summary>Applies both migration sets (engine and Host) at start-up unless Mediation:Database:Migrate is false.</summary>
public static class DatabaseInitialiser
{
    public static async Task MigrateMediationDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        if (!services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Migrate) return;
        await using (var workflows = services.GetRequiredService<IWorkflowDbFactory>().Create())
        {
            await workflows.Database.MigrateAsync(ct);
        }
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<HostDbContext>().Database.MigrateAsync(ct);
    }
}
