using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mediation.Host.Infrastructure.Database;

/// <summary>
/// Writes back what the engine's command log holds beyond the database (after a crash), then applies both migration
/// sets (engine and Host) at start-up unless Mediation:Database:Migrate is false; a database it cannot reach stops the
/// start with one line.
/// </summary>
public static class DatabaseInitialiser
{
    public static async Task MigrateMediationDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        try
        {
            // Before the migrations: what the command log holds beyond the database is in the schema it was written for.
            services.GetRequiredService<GroupCommit>().Recover();
            await using (var workflows = services.GetRequiredService<IWorkflowDbFactory>().Create())
            {
                if (options.Migrate) await workflows.Database.MigrateAsync(ct);
                else if (!await workflows.Database.CanConnectAsync(ct))
                {
                    throw new DatabaseConfigurationException(options.Provider == DatabaseProvider.Sqlite
                        ? $"the SQLite file {workflows.Database.GetDbConnection().DataSource} does not exist and Mediation:Database:Migrate is false; "
                          + "create it with the migrations-script verb's SQL, or let the app migrate (Mediation:Database:Migrate=true)."
                        : Unreachable(options.Provider, "the connection was refused"));
                }
            }
            if (!options.Migrate) return;
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<HostDbContext>().Database.MigrateAsync(ct);
        }
        catch (System.Data.Common.DbException e)
        {
            throw new DatabaseConfigurationException(Unreachable(options.Provider, e.Message), e);
        }
    }

    private static string Unreachable(DatabaseProvider provider, string why)
        => $"the {provider} database cannot be used ({why}); check ConnectionStrings:Mediation and that the server is running.";
}
