using Mediation.Workflows.Persistence;
using Mediation.Workflows.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Mediation.Workflows.Tests.TestEngine;

namespace Mediation.Workflows.Tests.Timers;

/// <summary>A timer row tells what became of it: fired, or cancelled with its activity; the scheduler hears only of real cancellations.</summary>
public sealed class TimerRowTests
{
    private const string Wait = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs_Wait" targetNamespace="https://mediation.example/test">
          <process id="Wait" isExecutable="true">
            <startEvent id="Start" />
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Timer_Wait" />
            <intermediateCatchEvent id="Timer_Wait"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="f2" sourceRef="Timer_Wait" targetRef="Task_After" />
            <userTask id="Task_After" />
          </process>
        </definitions>
        """;

    [Fact]
    public async Task FiredCatchTimer_IsStoredAsFired_AndNotCancelledWithItsScheduler()
    {
        var scheduler = new RecordingScheduler();
        await using var engine = await CreateAsync(configure: s => s.AddSingleton<ITimerScheduler>(scheduler));
        await engine.DeployAsync(Wait);
        await engine.StartAsync("Wait");
        engine.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, await engine.Engine.FireDueTimersAsync(TestContext.Current.CancellationToken));

        await using var db = engine.Database();
        var timer = await db.Timers.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(TimerStatus.Fired, timer.Status);
        Assert.Equal(engine.Clock.GetUtcNow(), timer.FiredAt);
        Assert.Empty(scheduler.Cancelled);
    }

    private sealed class RecordingScheduler : ITimerScheduler
    {
        public List<Guid> Cancelled { get; } = [];

        public void Schedule(Guid timerId, DateTimeOffset dueAt) { }

        public void Cancel(Guid timerId) => Cancelled.Add(timerId);
    }
}
