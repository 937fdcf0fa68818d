using Mediation.Host.Tests;
using Npgsql;

namespace Mediation.EndToEnd.Tests.Timers;

/// <summary>
/// Two Host processes on one PostgreSQL database share Hangfire's job store: 2,000 timers each fire exactly once, and
/// both processes fire some (the journal's TimerFired entries name the node).
/// </summary>
public sealed class TwoNodeTimerTests
{
    private const int Timers = 2_000;

    [Fact]
    public async Task TwoHostsOnOnePostgreSqlDatabase_FireEveryTimerExactlyOnce_AndShareTheWork()
    {
        PostgreSqlTestServer.SkipUnlessConfigured();
        var ct = TestContext.Current.CancellationToken;
        var database = await PostgreSqlTestServer.CreateDatabaseAsync();
        var directory = Directory.CreateTempSubdirectory("mediation-two-nodes-").FullName;
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["Mediation:Database:Provider"] = "PostgreSql",
                ["ConnectionStrings:Mediation"] = database,
                ["Mediation:Hangfire:PollInterval"] = "00:00:00.250",
            };
            await using var nodeA = await HostProcess.StartAsync("node-a", directory, settings, ct);
            await using var nodeB = await HostProcess.StartAsync("node-b", directory, settings, ct);
            var clients = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => nodeA.LoginAsync(ct))
                .Concat(Enumerable.Range(0, 2).Select(_ => nodeB.LoginAsync(ct))));
            await TimerLoad.DeployAsync(clients[0], ct);
            var now = DateTimeOffset.Now;
            try
            {
                await TimerLoad.StartAsync(clients, Timers, now.AddSeconds(30), now.AddSeconds(60), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Assert.Fail($"{e.Message}\nnode-a:\n{nodeA.Output}\nnode-b:\n{nodeB.Output}");
            }

            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (await CountAsync(database, Fired, ct) < Timers)
            {
                Assert.False(nodeA.HasExited || nodeB.HasExited, $"a node exited:\n{nodeA.Output}\n{nodeB.Output}");
                Assert.True(DateTime.UtcNow < deadline, $"after 3 minutes {await CountAsync(database, Fired, ct)} of {Timers} timers had fired");
                await Task.Delay(500, ct);
            }
            await Task.Delay(TimeSpan.FromSeconds(2), ct);   // a doubled firing, were there one, would land now

            Assert.Equal(Timers, await CountAsync(database, Fired, ct));
            Assert.Equal(0, await CountAsync(database, """
                SELECT COUNT(*) FROM (SELECT "InstanceId" FROM "JournalEntries" WHERE "Kind" = 'TimerFired'
                GROUP BY "InstanceId" HAVING COUNT(*) > 1) AS doubled
                """, ct));
            Assert.Equal(Timers, await CountAsync(database, """SELECT COUNT(*) FROM "UserTasks" WHERE "ElementId" = 'Task_AfterTimer'""", ct));
            var byA = await CountAsync(database, FiredBy("node-a"), ct);
            var byB = await CountAsync(database, FiredBy("node-b"), ct);
            Assert.Equal(Timers, byA + byB);
            Assert.True(byA > 0 && byB > 0, $"both nodes fire timers: node-a fired {byA}, node-b {byB}");
        }
        finally
        {
            await PostgreSqlTestServer.DropDatabaseAsync(database);
            Directory.Delete(directory, recursive: true);
        }
    }

    private const string Fired = """SELECT COUNT(*) FROM "JournalEntries" WHERE "Kind" = 'TimerFired' AND "ElementId" = 'Timer_Due'""";

    private static string FiredBy(string node)
        => $"""SELECT COUNT(*) FROM "JournalEntries" WHERE "Kind" = 'TimerFired' AND "Data" LIKE '%"node":"{node}"%'""";

    private static async Task<long> CountAsync(string database, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
