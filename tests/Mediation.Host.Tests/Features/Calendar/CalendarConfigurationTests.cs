using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Mediation.Host.Tests.Features.Calendar;

/// <summary>Calendar years from configuration, and a year added on one Host process reaching another on the same database.</summary>
public sealed class CalendarConfigurationTests
{
    [Fact]
    public async Task Start_StoresConfiguredYears_AsOneTextOrAsAnArrayOfLines()
    {
        await using var app = new SqliteAppFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Mediation:Calendar:Years:2030"] = "2030-01-01 off 元旦\n2030-02-02..2030-02-08 off 春节",
                ["Mediation:Calendar:Years:2032:0"] = "2032-01-01 off 元旦",
                ["Mediation:Calendar:Years:2032:1"] = "2032-01-03 work 元旦",
            },
        };
        var client = await app.LoginAsync();

        var years = (await (await client.GetAsync("/api/calendar")).JsonAsync()).GetProperty("years").EnumerateArray().ToList();

        var year2030 = Assert.Single(years, y => y.GetProperty("year").GetInt32() == 2030);
        Assert.Equal(("configuration", 8), (year2030.GetProperty("source").GetString(), year2030.GetProperty("daysOff").GetInt32()));
        var year2032 = Assert.Single(years, y => y.GetProperty("year").GetInt32() == 2032);
        Assert.Equal((1, 1), (year2032.GetProperty("daysOff").GetInt32(), year2032.GetProperty("makeUpWorkingDays").GetInt32()));
    }

    [Fact]
    public async Task AnotherNode_RecomputesItsProvisionalDueDate_WhenAYearIsAddedOnTheFirst()
    {
        var fast = new Dictionary<string, string> { ["Mediation:Calendar:RefreshInterval"] = "00:00:01" };
        await using var nodeA = new SqliteAppFactory { Settings = fast };
        var onA = await nodeA.LoginAsync();
        // One Host process per SQLite file is the product's rule, which the command log's lock enforces: this second node
        // stands in for another process on a shared database, and commits without the log.
        var second = new Dictionary<string, string>(fast) { ["Mediation:Engine:CommandLog"] = "false" };
        await using var nodeB = new SqliteAppFactory { DatabaseFile = nodeA.DatabaseFile, Settings = second };
        var onB = await nodeB.LoginAsync();
        const string bpmn = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                         id="Defs_NodeDue" targetNamespace="https://mediation.example/test">
              <process id="NodeDue" isExecutable="true">
                <startEvent id="Start" />
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Mediate" />
                <userTask id="Task_Mediate" camunda:dueDate="${addWorkdays('2036-12-31T09:00:00+08:00', 1)}" />
              </process>
            </definitions>
            """;
        (await onB.PostXmlAsync("/api/definitions", bpmn)).EnsureSuccessStatusCode();

        (await onA.PutAsync("/api/calendar/years/2037", new StringContent("2037-01-01..2037-01-02 off 元旦", Encoding.UTF8, "text/plain")))
            .EnsureSuccessStatusCode();
        var started = await onB.PostAsJsonAsync("/api/instances", new { definitionKey = "NodeDue", businessKey = "XT-NODE" });
        var taskId = await onB.OpenTaskIdAsync((await started.JsonAsync()).GetProperty("id").GetGuid(), "Task_Mediate");

        // Node B counted on its own calendar, which may not have 2037 yet; within its refresh interval it has, and the date is final.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonElement task;
        do
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            task = (await (await onB.GetAsync("/api/tasks")).JsonAsync()).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == taskId);
        }
        while (task.GetProperty("dueProvisional").GetBoolean() && DateTime.UtcNow < deadline);

        Assert.False(task.GetProperty("dueProvisional").GetBoolean());
        Assert.Equal(new DateTimeOffset(2037, 1, 5, 9, 0, 0, TimeSpan.FromHours(8)), task.GetProperty("dueAt").GetDateTimeOffset());
    }
}
