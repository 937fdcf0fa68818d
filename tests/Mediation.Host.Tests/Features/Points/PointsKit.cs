using System.Net.Http.Json;
using System.Text.Json;

namespace Mediation.Host.Tests.Features.Points;

/// <summary>What the points tests share: fresh users, a small deployed process, rules, and running the rules.</summary>
internal static class PointsKit
{
    public const string Password = "Points-Password-1";

    public static string Fresh(string prefix) => prefix + Guid.NewGuid().ToString("n")[..8];

    /// <summary>Three village-mediator tasks in a row; no element id of the default rules, so only a test's own rules fire.</summary>
    public static string ThreeTasks(string key) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     id="Defs_{key}" targetNamespace="https://mediation.example/test">
          <process id="{key}" isExecutable="true">
            <startEvent id="Start" />
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_First" />
            <userTask id="Task_First" camunda:candidateGroups="villageMediators" />
            <sequenceFlow id="f2" sourceRef="Task_First" targetRef="Task_Second" />
            <userTask id="Task_Second" camunda:candidateGroups="villageMediators" />
            <sequenceFlow id="f3" sourceRef="Task_Second" targetRef="Task_Third" />
            <userTask id="Task_Third" camunda:candidateGroups="villageMediators" />
            <sequenceFlow id="f4" sourceRef="Task_Third" targetRef="End" />
            <endEvent id="End" />
          </process>
        </definitions>
        """;

    public static async Task<HttpClient> UserAsync(this MediationAppFactory app, string userName, params string[] roles)
    {
        await app.CreateUserAsync(userName, Password, roles);
        return await app.LoginAsync(userName, Password);
    }

    public static Task<HttpClient> SampleAsync(this MediationAppFactory app, string userName)
        => app.LoginAsync(userName, MediationAppFactory.SamplePassword);

    /// <summary>Deploys <see cref="ThreeTasks"/> under a fresh key and starts a case of it; returns the key and the instance id.</summary>
    public static async Task<(string Key, Guid InstanceId)> StartCaseAsync(this HttpClient admin, string businessKey, object? variables = null, string? key = null)
    {
        key ??= Fresh("Pts");
        var deployed = await admin.PostXmlAsync("/api/definitions", ThreeTasks(key));
        Assert.True(deployed.IsSuccessStatusCode, await deployed.Content.ReadAsStringAsync());
        var started = await admin.PostAsJsonAsync("/api/instances", new { definitionKey = key, businessKey, variables = variables ?? new { } });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        return (key, (await started.JsonAsync()).GetProperty("id").GetGuid());
    }

    /// <summary>The user claims the open task at <paramref name="elementId"/> and completes it, through the API.</summary>
    public static async Task ClaimAndCompleteAsync(this HttpClient user, Guid instanceId, string elementId, object? variables = null)
    {
        var taskId = await user.OpenTaskIdAsync(instanceId, elementId);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await user.PostAsJsonAsync($"/api/tasks/{taskId}/claim", new { })).StatusCode);
        var completed = await user.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { variables = variables ?? new { } });
        Assert.True(completed.IsSuccessStatusCode, await completed.Content.ReadAsStringAsync());
    }

    public static async Task<JsonElement> AddRuleAsync(this HttpClient manager, object rule)
    {
        var response = await manager.PostAsJsonAsync("/api/points/rules", rule);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> ProcessAsync(this HttpClient manager)
    {
        var response = await manager.PostAsync("/api/points/process", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> MeAsync(this HttpClient user) => await (await user.GetAsync("/api/points/me")).JsonAsync();

    public static async Task<List<JsonElement>> EntriesAsync(this HttpClient reader, int accountId)
    {
        var response = await reader.GetAsync($"/api/points/accounts/{accountId}/entries");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).EnumerateArray().ToList();
    }

    public static async Task<JsonElement> ErrorsAsync(this HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("errors");
    }

    public static int Int(this JsonElement element, string name) => element.GetProperty(name).GetInt32();
}
