using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Hangfire.InMemory;
using Mediation.Host.Features.Auth;
using Mediation.Host.Infrastructure.Database;

namespace Mediation.Host.Infrastructure.Hangfire;

/// <summary><c>Mediation:Hangfire</c>: whether this process runs jobs, and how often it looks for due ones.</summary>
public sealed class HangfireOptions
{
    public const string Section = "Mediation:Hangfire";

    public bool Enabled { get; set; } = true;

    /// <summary>How often the server polls for due scheduled jobs and queued work (STACK-NOTES: 100 ms to 1 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

public static class HangfireSetup
{
    public static IServiceCollection AddMediationHangfire(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HangfireOptions>().BindConfiguration(HangfireOptions.Section)
            .Validate(o => o.PollInterval >= TimeSpan.FromMilliseconds(100), "Mediation:Hangfire:PollInterval must be at least 100 ms (a zero interval spins on the database lock).")
            .ValidateOnStart();
        var options = configuration.GetSection(HangfireOptions.Section).Get<HangfireOptions>() ?? new HangfireOptions();
        services.AddHangfire((provider, config) =>
        {
            var database = provider.GetRequiredService<ResolvedDatabase>();
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            // Hangfire's storage follows the product's database, so several Host processes share one job store.
            switch (database.Provider)
            {
                case DatabaseProvider.PostgreSql:
                    config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(database.ConnectionString),
                        new PostgreSqlStorageOptions { QueuePollInterval = options.PollInterval, PrepareSchemaIfNecessary = true });
                    break;
                case DatabaseProvider.SqlServer:
                    config.UseSqlServerStorage(database.ConnectionString,
                        new SqlServerStorageOptions { QueuePollInterval = options.PollInterval, PrepareSchemaIfNecessary = true });
                    break;
                default:
                    // One process per SQLite file, so Hangfire's jobs live in that process. Nothing durable is lost with
                    // them: every timer and retry is a row of the engine's Timers table, and start-up schedules each
                    // pending one again (TimerRecovery). Hangfire.Storage.SQLite was tried here: killed with SIGKILL while
                    // firing 2,000 timers, its file came back "database is locked" and "malformed" (README, Timers).
                    config.UseInMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) });
                    break;
            }
        });
        if (options.Enabled)
        {
            services.AddHangfireServer(o =>
            {
                o.SchedulePollingInterval = options.PollInterval;
                o.WorkerCount = Math.Max(2, Environment.ProcessorCount * 2);
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }
        services.AddTransient<OverdueTasksJob>();
        services.AddTransient<FireTimerJob>();
        services.AddTransient<TimerSweepJob>();
        services.AddSingleton<Mediation.Workflows.Timers.ITimerScheduler, HangfireTimerScheduler>();
        return services;
    }

    public static WebApplication MapMediationHangfire(this WebApplication app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdministratorsOnly()],
            DashboardTitle = "Mediation jobs",
            AppPath = "/",
        }).RequireAuthorization(Roles.AdministratorsPolicy);
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<OverdueTasksJob>(
            OverdueTasksJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<TimerSweepJob>(
            TimerSweepJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        return app;
    }

    private sealed class AdministratorsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Administrators);
    }
}
