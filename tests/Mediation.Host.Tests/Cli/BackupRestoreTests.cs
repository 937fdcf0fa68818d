using System.Net.Http.Json;
using Mediation.Host.Cli;
using Microsoft.Extensions.Configuration;

namespace Mediation.Host.Tests.Cli;

public sealed class BackupRestoreTests
{
    [Fact]
    public async Task RestoredBackup_StartsAndHoldsTheInstances_WhenTheAppRunsOnTheCopy()
    {
        await using var original = new SqliteAppFactory();
        var client = await original.LoginAsync();
        var (_, instanceId) = await client.DeployAndStartAsync("XT-2026-000900");
        var copy = Path.Combine(Path.GetDirectoryName(original.DatabaseFile)!, "restored.db");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Mediation"] = $"Data Source={original.DatabaseFile}" })
            .Build();
        var error = new StringWriter();
        Assert.True(BackupVerb.Run([copy], configuration, new StringWriter(), error) == 0, error.ToString());

        // Restored in place of the original, with the original's command log left beside it: the copy must not take in
        // that log (its commands are in the copy already, or came after it), so the app sets it aside.
        var log = Mediation.Workflows.Persistence.CommandLog.LoggedCommits.DirectoryFor(copy);
        Directory.CreateDirectory(log);
        foreach (var segment in Directory.GetFiles(Mediation.Workflows.Persistence.CommandLog.LoggedCommits.DirectoryFor(original.DatabaseFile), "segment-*"))
        {
            File.Copy(segment, Path.Combine(log, Path.GetFileName(segment)));
        }

        // The copy is in rollback-journal mode; the restored app must open it, migrate it and switch it to WAL.
        await using var restored = new SqliteAppFactory { DatabaseFile = copy };
        var restoredClient = await restored.LoginAsync();
        var instance = await (await restoredClient.GetAsync($"/api/instances/{instanceId}")).JsonAsync();

        Assert.Equal("XT-2026-000900", instance.GetProperty("businessKey").GetString());
        Assert.Equal(["Task_First"], instance.GetProperty("waiting").EnumerateArray().Select(e => e.GetString()));
        var task = await restoredClient.OpenTaskIdAsync(instanceId, "Task_First");
        (await restoredClient.PostAsJsonAsync($"/api/tasks/{task}/complete", new { variables = new { outcome = "agreed" } })).EnsureSuccessStatusCode();
        Assert.Single(Directory.GetDirectories(Path.GetDirectoryName(copy)!, Path.GetFileName(log) + ".other-*"));
    }
}
