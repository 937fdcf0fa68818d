using System.Net.Http.Json;
using Hangfire;
using Mediation.Host.Infrastructure.Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.Host.Tests.Infrastructure.Hangfire;

/// <summary>A committed timer becomes a delayed job in Hangfire's storage, which follows the product's database.</summary>
public abstract class TimerSchedulingTests(MediationAppFactory app)
{
    [Fact]
    public async Task Start_SchedulesAJobAtTheTimersDueTime_WhenATokenArmsATimer()
    {
        var client = await app.LoginAsync();
        var key = "Timer" + Guid.NewGuid().ToString("n")[..8];
        (await client.PostXmlAsync("/api/definitions", TestBpmnEvents.Deadlines(key))).EnsureSuccessStatusCode();
        var before = DateTime.UtcNow;

        (await client.PostAsJsonAsync("/api/instances", new { definitionKey = key, businessKey = $"XT-{key}" })).EnsureSuccessStatusCode();

        var after = DateTime.UtcNow;
        var scheduled = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 1000);
        var job = Assert.Single(scheduled, j => j.Value.Job.Type == typeof(FireTimerJob)).Value;
        // Hangfire keeps whole seconds.
        Assert.InRange(job.EnqueueAt, before.AddHours(1).AddSeconds(-1), after.AddHours(1).AddSeconds(1));
    }
}

public sealed class TimerSchedulingTestsOnSqlite(SqliteAppFactory app) : TimerSchedulingTests(app), IClassFixture<SqliteAppFactory>;

public sealed class TimerSchedulingTestsOnPostgreSql(PostgreSqlAppFactory app) : TimerSchedulingTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
