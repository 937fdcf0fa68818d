using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mediation.Host.Tests;

/// <summary>
/// The Host on a database of its own (one subclass per provider), with a known administrator password and no job
/// server. API and persistence test classes are abstract and run once per provider through a sealed subclass each.
/// </summary>
public abstract class MediationAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "Test-Admin-Password-1";

    /// <summary>The password of the sample organisation's users (li.village, wang.town...), seeded into every test Host.</summary>
    public const string SamplePassword = "Test-Sample-Password-1";

    /// <summary>A fresh folder per factory: SQLite's file lives there.</summary>
    protected string Folder { get; } = Path.Combine(Path.GetTempPath(), "mediation-host-tests", Guid.NewGuid().ToString("n"));

    protected abstract DatabaseProvider Provider { get; }

    protected abstract string ConnectionString { get; }

    /// <summary>Reads of the engine's instance rows, which a race test can hold back (see <see cref="InstanceReadHold"/>).</summary>
    public InstanceReadHold InstanceReads { get; } = new();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>More configuration for this app (e.g. calendar years), as <c>key: value</c> pairs.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Folder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Mediation:Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Mediation", ConnectionString);
        builder.UseSetting("Mediation:Admin:Password", AdminPassword);
        builder.UseSetting("Mediation:Samples:Password", SamplePassword);
        builder.UseSetting("Mediation:Hangfire:Enabled", "false");
        // Sample disputes would stand in every inbox and count in every report; tests register their own cases.
        builder.UseSetting("Mediation:Samples:Cases", "false");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            // Identity's 100,000 PBKDF2 rounds cost about 100 ms of CPU per sign-in; these tests sign in about a hundred
            // times and test no hash strength.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            AddWorkflowDbInterceptor(services, InstanceReads);
        });
    }

    /// <summary>Hosts start one at a time: see <see cref="HangfireStatics"/>.</summary>
    protected override IHost CreateHost(IHostBuilder builder) => HangfireStatics.StartAlone(() => base.CreateHost(builder));

    /// <summary>Adds an interceptor to the engine's context, whose type depends on the provider.</summary>
    protected abstract void AddWorkflowDbInterceptor(IServiceCollection services, IInterceptor interceptor);

    /// <summary>Removes the factory's database once its Host has stopped.</summary>
    protected abstract ValueTask DeleteDatabaseAsync();

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
        await DeleteDatabaseAsync();
        try { Directory.Delete(Folder, recursive: true); }
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

    /// <summary>A task due on 6 January 2020 at 17:30 in the engine's zone (long past), escalated by a timer an hour after it opens.</summary>
    public static string Deadlines(string key) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     id="Defs_{key}" targetNamespace="https://mediation.example/test">
          <process id="{key}" isExecutable="true">
            <startEvent id="Start" />
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Mediate" />
            <userTask id="Task_Mediate" camunda:dueDate="2020-01-06T17:30:00" />
            <boundaryEvent id="Timer_Escalate" attachedToRef="Task_Mediate">
              <timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <sequenceFlow id="f2" sourceRef="Task_Mediate" targetRef="End_Done" />
            <endEvent id="End_Done" />
            <sequenceFlow id="f3" sourceRef="Timer_Escalate" targetRef="Task_Escalated" />
            <userTask id="Task_Escalated" />
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
