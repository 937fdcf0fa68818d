using System.Text;
using Hangfire;
using Mediation.Host.Infrastructure.Hangfire;
using Mediation.Workflows.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.Host.Tests.Infrastructure.Hangfire;

/// <summary>A timer's Hangfire job lives as long as the timer: scheduled after the commit that wrote it, deleted when it is cancelled.</summary>
public sealed class TimerJobsTests
{
    private const string Deadline = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs_Deadline" targetNamespace="https://mediation.example/test">
          <process id="VillageDeadline" isExecutable="true">
            <startEvent id="Start" />
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Mediate" />
            <userTask id="Task_Mediate" />
            <boundaryEvent id="Boundary_Deadline" attachedToRef="Task_Mediate">
              <timerEventDefinition><timeDuration>P15D</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <sequenceFlow id="f2" sourceRef="Task_Mediate" targetRef="End" />
            <endEvent id="End" />
            <sequenceFlow id="f3" sourceRef="Boundary_Deadline" targetRef="End_Escalated" />
            <endEvent id="End_Escalated" />
          </process>
        </definitions>
        """;

    [Fact]
    public async Task APendingTimerWhoseJobWasLost_GetsANewJobFromTheSweep()
    {
        await using var factory = new SqliteAppFactory();
        _ = factory.CreateClient();
        var engine = factory.Services.GetRequiredService<IWorkflowEngine>();
        var storage = factory.Services.GetRequiredService<JobStorage>();
        var ct = TestContext.Current.CancellationToken;
        Assert.True((await engine.DeployAsync(Encoding.UTF8.GetBytes(Deadline.Replace("<timeDuration>P15D</timeDuration>",
            "<timeDate>2020-01-06T09:00:00</timeDate>", StringComparison.Ordinal)), "lost.bpmn", ct)).Succeeded);
        await engine.StartAsync(new StartRequest("VillageDeadline", "XT-2026-000002", null, "li"), ct);
        var (timerId, _) = Assert.Single(await engine.PendingTimersAsync(ct));
        var lost = Assert.Single(storage.GetMonitoringApi().ScheduledJobs(0, 100), j => j.Value.Job.Args.Contains(timerId));
        factory.Services.GetRequiredService<IBackgroundJobClient>().Delete(lost.Key);   // the job is gone, the timer still pending

        await ActivatorUtilities.CreateInstance<TimerSweepJob>(factory.Services).RunAsync(ct);

        var again = Assert.Single(storage.GetMonitoringApi().ScheduledJobs(0, 100), j => j.Value.Job.Args.Contains(timerId));
        Assert.NotEqual(lost.Key, again.Key);
    }

    [Fact]
    public async Task CompletingTheTask_DeletesItsDeadlinesHangfireJob()
    {
        await using var factory = new SqliteAppFactory();
        _ = factory.CreateClient();   // builds the host
        var engine = factory.Services.GetRequiredService<IWorkflowEngine>();
        var monitoring = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var ct = TestContext.Current.CancellationToken;
        Assert.True((await engine.DeployAsync(Encoding.UTF8.GetBytes(Deadline), "deadline.bpmn", ct)).Succeeded);
        var scheduledBefore = monitoring.ScheduledCount();

        var started = await engine.StartAsync(new StartRequest("VillageDeadline", "XT-2026-000001", null, "li"), ct);
        Assert.Equal(scheduledBefore + 1, monitoring.ScheduledCount());
        var (timerId, dueAt) = Assert.Single(await engine.PendingTimersAsync(ct));
        var job = Assert.Single(monitoring.ScheduledJobs(0, 100), j => j.Value.Job.Args.Contains(timerId));
        Assert.Equal(dueAt.UtcDateTime, job.Value.EnqueueAt, TimeSpan.FromSeconds(1));

        var completion = await engine.CompleteTaskAsync(new CompleteTaskRequest(started.NewTasks[0].Id, "li", null), ct);

        Assert.Equal(TaskOutcome.Completed, completion.Outcome);
        Assert.Empty(await engine.PendingTimersAsync(ct));
        Assert.Equal(scheduledBefore, monitoring.ScheduledCount());
        Assert.Equal("Deleted", monitoring.JobDetails(job.Key).History[0].StateName);
    }
}
