using System.Net.Http.Json;
using System.Text.Json;
using Mediation.Host.Features.Cases;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Mediation.Host.Tests.Features.Cases;

/// <summary>
/// Small stand-ins for the shipped flows under the contract's keys (the real BPMN files live on another branch), valid
/// intakes, and identity numbers with a correct check character.
/// </summary>
internal static class CaseTestData
{
    public static readonly string[] ContractKeys = [CaseProcesses.Joint, CaseProcesses.CourtDelegated, CaseProcesses.Police];

    /// <summary>One task for the area's village mediators, then the end.</summary>
    public static string OneTask(string key, string candidates = "villageMediators", string extra = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     id="Defs_{key}" targetNamespace="https://mediation.example/test">
          <process id="{key}" isExecutable="true">
            <startEvent id="Start" />
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_{key}" />
            <userTask id="Task_{key}" name="Mediate {key}" camunda:candidateGroups="{candidates}" {extra} />
            <sequenceFlow id="f2" sourceRef="Task_{key}" targetRef="End" />
            <endEvent id="End" />
          </process>
        </definitions>
        """;

    /// <summary>assignByArea for <paramref name="group"/>, then a task for the chosen <c>mediator</c>.</summary>
    public static string AssignThenMediate(string key, string group) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     id="Defs_{{key}}" targetNamespace="https://mediation.example/test">
          <process id="{{key}}" isExecutable="true">
            <startEvent id="Start" />
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Service_Assign" />
            <serviceTask id="Service_Assign" camunda:delegateExpression="${assignByArea}">
              <extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="assignGroup">{{group}}</camunda:inputParameter>
                </camunda:inputOutput>
              </extensionElements>
            </serviceTask>
            <sequenceFlow id="f2" sourceRef="Service_Assign" targetRef="Task_Mediate" />
            <userTask id="Task_Mediate" camunda:assignee="${mediator}" />
            <sequenceFlow id="f3" sourceRef="Task_Mediate" targetRef="End" />
            <endEvent id="End" />
          </process>
        </definitions>
        """;

    /// <summary>Deploys the three contract keys (identical XML deploys once, so every test may call this).</summary>
    public static async Task DeployContractKeysAsync(HttpClient admin)
    {
        foreach (var key in ContractKeys) (await admin.PostXmlAsync("/api/definitions", OneTask(key))).EnsureSuccessStatusCode();
    }

    /// <summary>A 居民身份证 number for the birth date and sequence, with its ISO 7064 MOD 11-2 check character.</summary>
    public static string IdNumber(DateOnly birth, int sequence = 123, string region = "429004")
        => WithCheckCharacter($"{region}{birth:yyyyMMdd}{sequence:D3}");

    /// <summary>17 digits and the check character that makes them a well-formed number (whatever their date says).</summary>
    public static string WithCheckCharacter(string digits)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = digits.Select((c, i) => (c - '0') * weights[i]).Sum();
        return digits + "10X98765432"[sum % 11];
    }

    public static object Applicant(string name = "张三（示例）", string? idNumber = null, string phone = "13912345678") => new
    {
        role = "applicant", name, sex = "male", idNumber = idNumber ?? IdNumber(new DateOnly(1980, 5, 1)), phone,
        ethnicity = "汉族", address = "新河村一组（示例）", consent = "written",
    };

    public static object Respondent(string name = "李四（示例）") => new
    {
        role = "respondent", name, age = 52, phone = "0728-3312345", consent = "oral",
    };

    public static object Intake(string areaCode = "XT-ZCZ-XHC-1Z", string channel = "walkIn", string category = "neighbour",
        string? definitionKey = null, bool courtDelegated = false, bool securityMatter = false, object[]? parties = null) => new
    {
        channel, category, areaCode, facts = "两户因排水沟堵塞发生争执（示例）", issuesInDispute = "排水沟疏通费用由谁承担",
        collective = false, courtDelegated, securityMatter, definitionKey,
        parties = parties ?? [Applicant(), Respondent()],
    };

    public static async Task<JsonElement> RegisterAsync(this HttpClient client, object intake)
    {
        var response = await client.PostAsJsonAsync("/api/cases", intake);
        if (!response.IsSuccessStatusCode) Assert.Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    /// <summary>A client signed in to <paramref name="host"/> (e.g. a host made by <c>WithWebHostBuilder</c>).</summary>
    public static async Task<HttpClient> LoginToAsync(this WebApplicationFactory<Program> host, string userName = "admin",
        string password = MediationAppFactory.AdminPassword)
    {
        var client = host.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        response.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await response.JsonAsync()).GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>Who holds what in the sample tree the test Host seeds (<c>SampleOrganisation</c>).</summary>
    public static Task<HttpClient> SampleUserAsync(this MediationAppFactory app, string userName)
        => app.LoginAsync(userName, MediationAppFactory.SamplePassword);
}
