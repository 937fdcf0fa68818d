using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mediation.Host.Features.Calendar;
using Mediation.Workflows.Execution;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mediation.Host.Tests.Features.Calendar;

/// <summary>
/// <c>/api/calendar</c>. The calendar is shared by the whole app, so each test works in a year of its own (and counts
/// from fixed dates rather than the clock): no test sees another's year.
/// </summary>
public abstract class CalendarTests(MediationAppFactory app)
{
    private static StringContent Text(string schedule) => new(schedule, Encoding.UTF8, "text/plain");

    /// <summary>A process whose task is due ten working days after Christmas Eve of <paramref name="year"/> - 1.</summary>
    private static string DueAfterChristmas(string key, int year) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     id="Defs_{key}" targetNamespace="https://mediation.example/test">
          <process id="{key}" isExecutable="true">
            <startEvent id="Start" />
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Mediate" />
            <userTask id="Task_Mediate" camunda:dueDate="${"{"}addWorkdays('{year - 1}-12-24T09:00:00+08:00', 10){"}"}" />
          </process>
        </definitions>
        """;

    private static async Task<JsonElement> StartAndReadTaskAsync(HttpClient client, string key, int year)
    {
        (await client.PostXmlAsync("/api/definitions", DueAfterChristmas(key, year))).EnsureSuccessStatusCode();
        var started = await client.PostAsJsonAsync("/api/instances", new { definitionKey = key, businessKey = key });
        started.EnsureSuccessStatusCode();
        var taskId = await client.OpenTaskIdAsync((await started.JsonAsync()).GetProperty("id").GetGuid(), "Task_Mediate");
        return await TaskAsync(client, taskId);
    }

    private static async Task<JsonElement> TaskAsync(HttpClient client, Guid taskId)
        => (await (await client.GetAsync("/api/tasks")).JsonAsync()).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == taskId);

    /// <summary>The task's row in the inbox page, as HTML.</summary>
    private static async Task<string> InboxRowAsync(HttpClient client, Guid taskId)
        => Regex.Match(await client.GetStringAsync("/inbox"), $"<tr[^>]*data-task-id=\"{taskId}\"[\\s\\S]*?</tr>").Value;

    [Fact]
    public async Task Get_ListsTheShippedYears_WithTheirSource()
    {
        var client = await app.LoginAsync();

        var calendar = await (await client.GetAsync("/api/calendar")).JsonAsync();

        var years = calendar.GetProperty("years").EnumerateArray().ToList();
        Assert.Contains(years, y => y.GetProperty("year").GetInt32() == 2025 && y.GetProperty("source").GetString() == "shipped");
        var year2026 = Assert.Single(years, y => y.GetProperty("year").GetInt32() == 2026);
        Assert.Equal(("shipped", 33, 6), (year2026.GetProperty("source").GetString(), year2026.GetProperty("daysOff").GetInt32(),
            year2026.GetProperty("makeUpWorkingDays").GetInt32()));
    }

    [Fact]
    public async Task Put_AddsTheYear_AndRecomputesTheProvisionalDueDateItCovers()
    {
        var client = await app.LoginAsync();
        // The count starts in 2030: that year must be known, or the date stays provisional for it after 2031 is added.
        (await client.PutAsync("/api/calendar/years/2030", Text("2030-01-01 off 元旦"))).EnsureSuccessStatusCode();
        var before = await StartAndReadTaskAsync(client, "Due2031", 2031);
        Assert.True(before.GetProperty("dueProvisional").GetBoolean());
        Assert.Equal(new DateTimeOffset(2031, 1, 7, 9, 0, 0, TimeSpan.FromHours(8)), before.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Matches("2031-01-07 09:00\\s*<span class=\"provisional\"", await InboxRowAsync(client, before.GetProperty("id").GetGuid()));

        var response = await client.PutAsync("/api/calendar/years/2031", Text("2031-01-01 off 元旦\n2031-01-22..2031-01-28 off 春节\n"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("Added", body.GetProperty("outcome").GetString());
        Assert.Equal(("api", "admin", 8), (body.GetProperty("year").GetProperty("source").GetString(),
            body.GetProperty("year").GetProperty("updatedBy").GetString(), body.GetProperty("year").GetProperty("daysOff").GetInt32()));
        Assert.Equal(1, body.GetProperty("recomputed").GetProperty("tasks").GetInt32());
        var after = await TaskAsync(client, before.GetProperty("id").GetGuid());
        Assert.False(after.GetProperty("dueProvisional").GetBoolean());
        Assert.Equal(new DateTimeOffset(2031, 1, 8, 9, 0, 0, TimeSpan.FromHours(8)), after.GetProperty("dueAt").GetDateTimeOffset());
        var row = await InboxRowAsync(client, after.GetProperty("id").GetGuid());
        Assert.Contains("2031-01-08 09:00", row);
        Assert.DoesNotContain("provisional", row);
        var years = (await (await client.GetAsync("/api/calendar")).JsonAsync()).GetProperty("years").EnumerateArray();
        Assert.Contains(years, y => y.GetProperty("year").GetInt32() == 2031 && y.GetProperty("source").GetString() == "api");
    }

    [Fact]
    public async Task Put_AnswersOk_WhenTheSameScheduleIsPutAgain()
    {
        var client = await app.LoginAsync();
        const string schedule = "2033-01-01 off 元旦";
        (await client.PutAsync("/api/calendar/years/2033", Text(schedule))).EnsureSuccessStatusCode();

        var again = await client.PutAsync("/api/calendar/years/2033", Text(schedule));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Unchanged", (await again.JsonAsync()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Put_Answers400NamingEachBadLine_WhenTheScheduleDoesNotRead()
    {
        var client = await app.LoginAsync();

        var response = await client.PutAsync("/api/calendar/years/2028",
            Text("2028-01-01 off 元旦\n2028-02-30 off 春节\n2029-10-01 off 国庆节\n2028-03-01 work 补班\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal("The schedule for 2028 is not valid", problem.GetProperty("title").GetString());
        var lines = problem.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal([2, 3, 4], lines.Select(l => l.GetProperty("line").GetInt32()));
        Assert.Equal("'2028-02-30' is not a date (yyyy-MM-dd)", lines[0].GetProperty("message").GetString());
        Assert.StartsWith("2029-10-01 is not in 2028", lines[1].GetProperty("message").GetString());
        Assert.StartsWith("2028-03-01 is a Wednesday", lines[2].GetProperty("message").GetString());
        Assert.Contains("line 2 '2028-02-30 off 春节'", problem.GetProperty("detail").GetString());
        var years = (await (await client.GetAsync("/api/calendar")).JsonAsync()).GetProperty("years").EnumerateArray();
        Assert.DoesNotContain(years, y => y.GetProperty("year").GetInt32() == 2028);
    }

    [Fact]
    public async Task Put_Answers409_WhenTheYearShipsWithMediation()
    {
        var client = await app.LoginAsync();

        var response = await client.PutAsync("/api/calendar/years/2026", Text("2026-01-01 off 元旦"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("2026 ships with Mediation and cannot be replaced", (await response.JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Calendar_IsForbidden_WhenUserIsNotAdministrator()
    {
        await app.CreateUserAsync("mediator-wang", "Mediator-Password-2", "villageMediators");
        var client = await app.LoginAsync("mediator-wang", "Mediator-Password-2");

        var get = await client.GetAsync("/api/calendar");
        var put = await client.PutAsync("/api/calendar/years/2034", Text("2034-01-01 off 元旦"));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (get.StatusCode, put.StatusCode));
        var admin = await app.LoginAsync();
        var years = (await (await admin.GetAsync("/api/calendar")).JsonAsync()).GetProperty("years").EnumerateArray();
        Assert.DoesNotContain(years, y => y.GetProperty("year").GetInt32() == 2034);
    }

    [Fact]
    public async Task Calendar_Answers401_WhenNobodyIsLoggedIn()
    {
        var response = await app.CreateClient().GetAsync("/api/calendar");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Configuration_StopsTheStartNamingTheLine_WhenAConfiguredYearDoesNotRead()
    {
        var engine = app.Services.GetRequiredService<IWorkflowEngine>();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mediation:Calendar:Years:2035"] = "2035-01-01 off 元旦\n2035-01-01..2035-01-03 off 元旦",
        }).Build();

        var error = await Assert.ThrowsAsync<CalendarConfigurationException>(
            () => ConfiguredCalendarYears.ApplyAsync(engine, configuration, NullLogger.Instance, TestContext.Current.CancellationToken));

        Assert.Equal("Mediation:Calendar:Years:2035 is not a valid schedule: line 2 '2035-01-01..2035-01-03 off 元旦': "
            + "2035-01-01 is listed twice (also on line 1).", error.Message);
    }
}

public sealed class CalendarTestsOnSqlite(SqliteAppFactory app) : CalendarTests(app), IClassFixture<SqliteAppFactory>;

public sealed class CalendarTestsOnPostgreSql(PostgreSqlAppFactory app) : CalendarTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
