using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.Host.Tests;

/// <summary>The Host on a temporary SQLite file of its own, with a known administrator password and no job server.</summary>
public sealed class MediationAppFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Test-Admin-Password-1";
    private readonly string directory = Path.Combine(Path.GetTempPath(), "mediation-host-tests", Guid.NewGuid().ToString("n"));

    public MediationAppFactory() => DatabaseFile = Path.Combine(directory, "mediation.db");

    /// <summary>The SQLite file: this factory's own unless set, e.g. to another factory's file (a second node) or a backup.</summary>
    public string DatabaseFile { get; init; }

    /// <summary>More configuration for this app (e.g. calendar years), as <c>key: value</c> pairs.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(directory);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Mediation", $"Data Source={DatabaseFile}");
        builder.UseSetting("Mediation:Admin:Password", AdminPassword);
        builder.UseSetting("Mediation:Hangfire:Enabled", "false");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    /// <summary>A client holding a bearer token from <c>POST /api/auth/login</c>.</summary>
    public async Task<HttpClient> LoginAsync(string userName = "admin", string password = AdminPassword)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>Creates a user in the given roles (candidate groups), for visibility tests.</summary>
    public async Task CreateUserAsync(string userName, string password, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var rolesManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var user = new IdentityUser(userName);
        Check(await users.CreateAsync(user, password));
        foreach (var role in roles)
        {
            if (!await rolesManager.RoleExistsAsync(role)) Check(await rolesManager.CreateAsync(new IdentityRole(role)));
            Check(await users.AddToRoleAsync(user, role));
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { /* a file still held by a finaliser: the temp folder is cleaned by the OS */ }
    }
}

/// <summary>BPMN used by the API tests.</summary>
public static class TestBpmn
{
    public static string TwoTasks(string key) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     id="Defs_{key}" targetNamespace="https://mediation.example/test">
          <process id="{key}" isExecutable="true">
            <startEvent id="Start" />
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_First" />
            <userTask id="Task_First" name="First" camunda:candidateGroups="villageMediators" />
            <sequenceFlow id="f2" sourceRef="Task_First" targetRef="Task_Second" />
            <userTask id="Task_Second" name="Second" camunda:candidateGroups="townMediators" />
            <sequenceFlow id="f3" sourceRef="Task_Second" targetRef="End" />
            <endEvent id="End" />
          </process>
        </definitions>
        """;
}

/// <summary>More BPMN for the API tests: a message wait and a gateway that can fail.</summary>
public static class TestBpmnEvents
{
    public static string WaitForWithdrawal(string key) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs_{key}" targetNamespace="https://mediation.example/test">
          <message id="Msg_Withdrew" name="PartyWithdrew" />
          <process id="{key}" isExecutable="true">
            <startEvent id="Start" />
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Mediate" />
            <userTask id="Task_Mediate" />
            <boundaryEvent id="Boundary_Withdrawn" attachedToRef="Task_Mediate">
              <messageEventDefinition messageRef="Msg_Withdrew" />
            </boundaryEvent>
            <sequenceFlow id="f2" sourceRef="Task_Mediate" targetRef="End_Done" />
            <endEvent id="End_Done" />
            <sequenceFlow id="f3" sourceRef="Boundary_Withdrawn" targetRef="End_Withdrawn" />
            <endEvent id="End_Withdrawn" />
          </process>
        </definitions>
        """;

    public static string Routing(string key) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     id="Defs_{{key}}" targetNamespace="https://mediation.example/test">
          <process id="{{key}}" isExecutable="true">
            <startEvent id="Start" />
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Gateway_Risk" />
            <exclusiveGateway id="Gateway_Risk" />
            <sequenceFlow id="f2" sourceRef="Gateway_Risk" targetRef="Task_Village">
              <conditionExpression xsi:type="tFormalExpression">${riskLevel == 'low'}</conditionExpression>
            </sequenceFlow>
            <sequenceFlow id="f3" sourceRef="Gateway_Risk" targetRef="Task_Joint">
              <conditionExpression xsi:type="tFormalExpression">${riskLevel == 'high'}</conditionExpression>
            </sequenceFlow>
            <userTask id="Task_Village" />
            <userTask id="Task_Joint" />
          </process>
        </definitions>
        """;
}
