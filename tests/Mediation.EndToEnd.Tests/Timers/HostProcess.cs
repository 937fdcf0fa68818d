using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Mediation.EndToEnd.Tests.Timers;

/// <summary>
/// The Host as its own operating-system process (<c>dotnet Mediation.Host.dll</c>, as built beside these tests), so a
/// test can kill it with SIGKILL mid-work, or run two of them on one database. Hangfire runs in it.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    public const string AdminPassword = "Crash-Test-Password-1";

    private readonly Process process;
    private readonly StringBuilder output = new();

    private HostProcess(Process process, Uri address, string name)
    {
        this.process = process;
        Address = address;
        Name = name;
    }

    public Uri Address { get; }

    public string Name { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Starts a Host on a free port with these settings (configuration keys as in appsettings, e.g. <c>ConnectionStrings:Mediation</c>).</summary>
    public static async Task<HostProcess> StartAsync(string name, string workingDirectory, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Mediation.Host.dll")])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Urls"] = address.ToString().TrimEnd('/');   // over appsettings.json's port
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Mediation__Admin__Password"] = AdminPassword;
        start.Environment["Mediation__Engine__NodeName"] = name;
        start.Environment["Mediation__Samples__Cases"] = "false";   // their timers would count with the test's
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var host = new HostProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), address, name);
        host.process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host.process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilHealthyAsync(ct);
        }
        catch
        {
            await host.DisposeAsync();   // a Host that did not come up must not outlive the test
            throw;
        }
        return host;
    }

    public async Task<HttpClient> LoginAsync(CancellationToken ct)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        using var login = await client.PostAsJsonAsync("api/auth/login", new { userName = "admin", password = AdminPassword }, ct);
        Assert.True(login.IsSuccessStatusCode, $"{Name}: POST /api/auth/login answered {(int)login.StatusCode}");
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync(ct));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>SIGKILL: no shutdown, no flush, whatever the process was doing is cut off.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output)
        {
            if (output.Length < 200_000) output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) Assert.Fail($"{Name} exited with {process.ExitCode} while starting:\n{Output}");
            try
            {
                using var response = await client.GetAsync("health", ct);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { /* slow first request */ }
            await Task.Delay(200, ct);
        }
        Assert.Fail($"{Name} did not answer /health within 90 s:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) await KillAsync();
        process.Dispose();
    }
}
