using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.EndToEnd.Tests;

/// <summary>
/// The Host on a real Kestrel port (a browser cannot reach the in-memory test server), on its own
/// SQLite file in a fresh temporary folder, with a known administrator password and no Hangfire server.
/// </summary>
public sealed class MediationWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "E2e-Password-123";
    /// <summary>The password of the sample organisation's users (li.village, liu.community...), seeded into the empty tree.</summary>
    public const string SamplePassword = "E2e-Sample-Password-123";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("mediation-e2e-").FullName;

    /// <summary>Where Kestrel listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri ServerAddress { get; private set; } = null!;

    public string DatabaseFile => Path.Combine(_dataDirectory, "mediation.db");

    public ValueTask InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        // Kestrel may bind both loopbacks; prefer IPv4 so the browser and HttpClient agree on one address.
        var address = addresses.FirstOrDefault(a => a.Contains("127.0.0.1")) ?? addresses.First();
        ServerAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return ValueTask.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Mediation", $"Data Source={DatabaseFile}");
        builder.UseSetting("Mediation:Admin:UserName", AdminUserName);
        builder.UseSetting("Mediation:Admin:Password", AdminPassword);
        builder.UseSetting("Mediation:Samples:Password", SamplePassword);
        builder.UseSetting("Mediation:Hangfire:Enabled", "false");
        builder.UseSetting("Mediation:Samples:Cases", "false");
    }

    /// <summary>An API client signed in as the administrator with a bearer token from <c>POST /api/auth/login</c>.</summary>
    public async Task<HttpClient> CreateApiClientAsync(CancellationToken ct)
    {
        var client = new HttpClient { BaseAddress = ServerAddress };
        using var login = await client.PostAsJsonAsync("api/auth/login", new { userName = AdminUserName, password = AdminPassword }, ct);
        Assert.True(login.IsSuccessStatusCode, $"POST /api/auth/login answered {(int)login.StatusCode}: {await login.Content.ReadAsStringAsync(ct)}");
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync(ct));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // SQLite pools connections per process: release this folder's files before deleting them.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException error)
        {
            // A leftover temp folder must not fail the run; say where it is.
            Console.Error.WriteLine($"Could not delete {_dataDirectory}: {error.Message}");
        }
    }
}
