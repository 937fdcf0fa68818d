using System.Net;
using System.Net.Http.Json;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Journal;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.Host.Tests.Features.Notifications;

/// <summary>
/// A village mediator's deadline passes: the timer on the task escalates the case as the model says (the task
/// cancelled and the case sent to the town, or the task kept and flagged), the supervisors get a notification, and the
/// journal says who fired it and when.
/// </summary>
public abstract class DeadlineEscalationTests(MediationAppFactory app)
{
    private static string Escalation(string key, bool interrupting) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     id="Defs_{{key}}" targetNamespace="https://mediation.example/test">
          <process id="{{key}}" isExecutable="true">
            <startEvent id="Start" />
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_VillageMediation" />
            <userTask id="Task_VillageMediation" camunda:candidateGroups="villageMediators" camunda:dueDate="${deadline}" />
            <boundaryEvent id="Timer_VillageDeadline" attachedToRef="Task_VillageMediation" cancelActivity="{{(interrupting ? "true" : "false")}}">
              <timerEventDefinition><timeDate>${deadline}</timeDate></timerEventDefinition>
            </boundaryEvent>
            <sequenceFlow id="f2" sourceRef="Task_VillageMediation" targetRef="End_Resolved" />
            <endEvent id="End_Resolved" />
            <sequenceFlow id="f3" sourceRef="Timer_VillageDeadline" targetRef="Service_NotifySupervisors" />
            <serviceTask id="Service_NotifySupervisors" camunda:delegateExpression="${notify}">
              <extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="notifyGroup">supervisors</camunda:inputParameter>
                  <camunda:inputParameter name="subject">村级调解期限已过 ${execution.getVariable('caseNumber')}</camunda:inputParameter>
                </camunda:inputOutput>
              </extensionElements>
            </serviceTask>
            <sequenceFlow id="f4" sourceRef="Service_NotifySupervisors" targetRef="{{(interrupting ? "Task_TownMediation" : "End_Notified")}}" />
            <userTask id="Task_TownMediation" camunda:candidateGroups="townMediators" />
            <endEvent id="End_Notified" />
          </process>
        </definitions>
        """;

    [Fact]
    public async Task InterruptingDeadline_CancelsTheVillageTask_NotifiesSupervisors_AndSendsTheCaseToTheTown()
    {
        var (instanceId, key) = await StartOverdueCaseAsync(interrupting: true, "XT-2026-000101");

        var tasks = await Engine.ListTasksAsync(new TaskQuery { SeeAll = true, InstanceId = instanceId }, TestContext.Current.CancellationToken);
        Assert.Equal(["Task_TownMediation"], tasks.Select(t => t.ElementId));
        var journal = await Engine.GetJournalAsync(instanceId, TestContext.Current.CancellationToken);
        var fired = Assert.Single(journal, e => e.Kind == JournalKinds.TimerFired);
        Assert.Equal(("Timer_VillageDeadline", "timer"), (fired.ElementId, fired.Actor));
        Assert.NotNull(fired.Data?["node"]);
        Assert.Contains(journal, e => e.Kind == JournalKinds.TaskCancelled && e.ElementId == "Task_VillageMediation" && e.At == fired.At);
        await AssertSupervisorNotifiedAsync("XT-2026-000101", key);
    }

    [Fact]
    public async Task NonInterruptingDeadline_KeepsTheTaskOpenAndOverdue_AndNotifiesSupervisors()
    {
        var (instanceId, key) = await StartOverdueCaseAsync(interrupting: false, "XT-2026-000102");

        var task = Assert.Single(await Engine.ListTasksAsync(new TaskQuery { SeeAll = true, InstanceId = instanceId }, TestContext.Current.CancellationToken));
        Assert.Equal("Task_VillageMediation", task.ElementId);
        Assert.True(task.IsOverdue);
        Assert.DoesNotContain(await Engine.GetJournalAsync(instanceId, TestContext.Current.CancellationToken), e => e.Kind == JournalKinds.TaskCancelled);
        await AssertSupervisorNotifiedAsync("XT-2026-000102", key);
    }

    [Fact]
    public async Task ANotification_IsNotShownToSomeoneOutsideItsGroup()
    {
        await StartOverdueCaseAsync(interrupting: true, "XT-2026-000103");
        await app.CreateUserAsync("wang", "Wang-Password-1", "villageMediators");
        var mediator = await app.LoginAsync("wang", "Wang-Password-1");

        var visible = (await (await mediator.GetAsync("/api/notifications")).JsonAsync()).EnumerateArray()
            .Where(n => n.GetProperty("businessKey").GetString() == "XT-2026-000103").ToList();

        Assert.Empty(visible);
    }

    private IWorkflowEngine Engine => app.Services.GetRequiredService<IWorkflowEngine>();

    /// <summary>Starts a case whose village deadline passed yesterday and fires what is due, as the Host's Hangfire job would.</summary>
    private async Task<(Guid InstanceId, string Key)> StartOverdueCaseAsync(bool interrupting, string caseNumber)
    {
        var client = await app.LoginAsync();
        var key = "Escalate" + Guid.NewGuid().ToString("n")[..8];
        (await client.PostXmlAsync("/api/definitions", Escalation(key, interrupting))).EnsureSuccessStatusCode();
        var deadline = DateTimeOffset.UtcNow.AddDays(-1).ToString("O");
        var started = await (await client.PostAsJsonAsync("/api/instances",
            new { definitionKey = key, businessKey = caseNumber, variables = new { deadline, caseNumber } })).JsonAsync();
        var instanceId = started.GetProperty("id").GetGuid();
        var timer = Assert.Single(await Engine.PendingTimersAsync(TestContext.Current.CancellationToken), t => t.DueAt < DateTimeOffset.UtcNow);
        Assert.Equal(TimerOutcome.Fired, await Engine.FireTimerAsync(timer.Id, TestContext.Current.CancellationToken));
        return (instanceId, key);
    }

    private async Task AssertSupervisorNotifiedAsync(string caseNumber, string key)
    {
        var supervisor = "zhao" + key[^4..];
        await app.CreateUserAsync(supervisor, "Zhao-Password-1", "supervisors");
        var client = await app.LoginAsync(supervisor, "Zhao-Password-1");
        var notification = Assert.Single((await (await client.GetAsync("/api/notifications?unread=true")).JsonAsync()).EnumerateArray(),
            n => n.GetProperty("businessKey").GetString() == caseNumber);
        Assert.Equal("supervisors", notification.GetProperty("recipientGroup").GetString());
        Assert.Equal($"村级调解期限已过 {caseNumber}", notification.GetProperty("subject").GetString());
        Assert.Equal("Service_NotifySupervisors", notification.GetProperty("elementId").GetString());

        var read = await client.PostAsync($"/api/notifications/{notification.GetProperty("id").GetGuid()}/read", null);
        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        Assert.DoesNotContain((await (await client.GetAsync("/api/notifications?unread=true")).JsonAsync()).EnumerateArray(),
            n => n.GetProperty("businessKey").GetString() == caseNumber);
    }
}

public sealed class DeadlineEscalationTestsOnSqlite(SqliteAppFactory app) : DeadlineEscalationTests(app), IClassFixture<SqliteAppFactory>;

public sealed class DeadlineEscalationTestsOnPostgreSql(PostgreSqlAppFactory app)
    : DeadlineEscalationTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
