using Microsoft.Data.Sqlite;

namespace Mediation.EndToEnd.Tests.Timers;

/// <summary>
/// Escalations are never lost nor doubled: a Host firing 2,000 timers is killed with SIGKILL in the middle, and after a
/// restart on the same database every timer has fired exactly once (the journal has one TimerFired per instance).
/// </summary>
public sealed class TimerCrashTests : IAsyncDisposable
{
    private const int Timers = 2_000;
    private readonly string directory = Directory.CreateTempSubdirectory("mediation-crash-").FullName;

    private string DatabaseFile => Path.Combine(directory, "mediation.db");

    [Fact]
    public async Task EveryTimerFiresExactlyOnce_WhenTheHostIsKilledWhileFiring()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Mediation"] = $"Data Source={DatabaseFile}",
            ["Mediation:Hangfire:PollInterval"] = "00:00:00.250",
        };
        await using (var first = await HostProcess.StartAsync("node-a", directory, settings, ct))
        {
            var clients = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => first.LoginAsync(ct)));
            await TimerLoad.DeployAsync(clients[0], ct);
            var now = DateTimeOffset.Now;
            await TimerLoad.StartAsync(clients, Timers, now.AddSeconds(30), now.AddSeconds(60), ct);
            Assert.Equal(Timers, await CountAsync("SELECT COUNT(*) FROM Timers WHERE ElementId = 'Timer_Due'", ct));

            await WaitUntilAsync(async () => await FiredAsync(ct) >= 300, TimeSpan.FromMinutes(2), first, "300 timers to fire");
            await first.KillAsync();
        }
        var firedBeforeKill = await FiredAsync(ct);
        Assert.InRange(firedBeforeKill, 300, Timers - 1);   // the kill fell while timers were still firing

        await using (var second = await HostProcess.StartAsync("node-b", directory, settings, ct))
        {
            await WaitUntilAsync(async () => await FiredAsync(ct) >= Timers, TimeSpan.FromMinutes(3), second, "every timer to fire");
            await Task.Delay(TimeSpan.FromSeconds(2), ct);   // a doubled firing, were there one, would land now
        }

        Assert.Equal(Timers, await FiredAsync(ct));
        Assert.Equal(0, await CountAsync("""
            SELECT COUNT(*) FROM (SELECT InstanceId FROM JournalEntries WHERE Kind = 'TimerFired' GROUP BY InstanceId HAVING COUNT(*) > 1)
            """, ct));
        Assert.Equal(Timers, await CountAsync("SELECT COUNT(*) FROM UserTasks WHERE ElementId = 'Task_AfterTimer'", ct));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM Timers WHERE ElementId = 'Timer_Due' AND Status <> 'Fired'", ct));
        Assert.True(await CountAsync("SELECT COUNT(*) FROM JournalEntries WHERE Kind = 'TimerFired' AND Data LIKE '%\"node\":\"node-b\"%'", ct) > 0,
            "the restarted node fired the timers the killed one had left");
    }

    private Task<long> FiredAsync(CancellationToken ct)
        => CountAsync("SELECT COUNT(*) FROM JournalEntries WHERE Kind = 'TimerFired' AND ElementId = 'Timer_Due'", ct);

    private async Task<long> CountAsync(string sql, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, HostProcess host, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (host.HasExited) Assert.Fail($"{host.Name} exited while waiting for {what}:\n{host.Output}");
            if (DateTime.UtcNow > deadline) Assert.Fail($"waited {timeout} for {what}; {host.Name} said:\n{host.Output[^Math.Min(host.Output.Length, 4000)..]}");
            await Task.Delay(250);
        }
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { /* a temp folder the OS cleans */ }
        return ValueTask.CompletedTask;
    }
}
