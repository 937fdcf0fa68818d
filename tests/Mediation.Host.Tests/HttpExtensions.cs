using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Mediation.Host.Tests;

internal static class HttpExtensions
{
    public static Task<HttpResponseMessage> PostXmlAsync(this HttpClient client, string url, string xml)
        => client.PostAsync(url, new StringContent(xml, Encoding.UTF8, "application/xml"));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
        => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Deploys a two-task process under a fresh key and starts one instance of it.</summary>
    public static async Task<(string Key, Guid InstanceId)> DeployAndStartAsync(this HttpClient client, string businessKey)
    {
        var key = "P" + Guid.NewGuid().ToString("n")[..12];
        (await client.PostXmlAsync("/api/definitions", TestBpmn.TwoTasks(key))).EnsureSuccessStatusCode();
        var started = await client.PostAsJsonAsync("/api/instances", new { definitionKey = key, businessKey, variables = new { category = "neighbour" } });
        started.EnsureSuccessStatusCode();
        return (key, (await started.JsonAsync()).GetProperty("id").GetGuid());
    }

    public static async Task<Guid> OpenTaskIdAsync(this HttpClient client, Guid instanceId, string elementId)
    {
        var tasks = await (await client.GetAsync("/api/tasks")).JsonAsync();
        return tasks.EnumerateArray()
            .First(t => t.GetProperty("instanceId").GetGuid() == instanceId && t.GetProperty("elementId").GetString() == elementId)
            .GetProperty("id").GetGuid();
    }
}
