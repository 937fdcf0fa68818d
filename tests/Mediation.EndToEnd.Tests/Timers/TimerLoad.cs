using System.Globalization;
using System.Net.Http.Json;
using System.Text;

namespace Mediation.EndToEnd.Tests.Timers;

/// <summary>A process that waits at one timer (due at its <c>dueAt</c> variable) and then at a task; and many instances of it.</summary>
internal static class TimerLoad
{
    public const string Key = "TimerLoad";

    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs_TimerLoad" targetNamespace="https://mediation.example/test">
          <process id="TimerLoad" isExecutable="true">
            <startEvent id="Start" />
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Timer_Due" />
            <intermediateCatchEvent id="Timer_Due">
              <timerEventDefinition><timeDate>${dueAt}</timeDate></timerEventDefinition>
            </intermediateCatchEvent>
            <sequenceFlow id="f2" sourceRef="Timer_Due" targetRef="Task_AfterTimer" />
            <userTask id="Task_AfterTimer" />
          </process>
        </definitions>
        """;

    public static async Task DeployAsync(HttpClient client, CancellationToken ct)
    {
        using var response = await client.PostAsync("api/definitions", new StringContent(Bpmn, Encoding.UTF8, "application/xml"), ct);
        Assert.True(response.IsSuccessStatusCode, $"deploying the timer process answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
    }

    /// <summary>Starts <paramref name="count"/> instances whose timers fall due evenly between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public static async Task StartAsync(IReadOnlyList<HttpClient> clients, int count, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var step = (to - from) / count;
        var next = -1;
        await Task.WhenAll(clients.Select(async client =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var dueAt = (from + step * i).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
                using var response = await client.PostAsJsonAsync("api/instances",
                    new { definitionKey = Key, businessKey = $"T-{i:D5}", variables = new { dueAt } }, ct);
                Assert.True(response.IsSuccessStatusCode, $"starting instance {i} answered {(int)response.StatusCode}");
            }
        }));
    }
}
