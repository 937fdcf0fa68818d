using Mediation.Workflows.Execution;
using Mediation.Workflows.Journal;
using static Mediation.Workflows.Tests.TestEngine;

namespace Mediation.Workflows.Tests.Execution;

/// <summary>
/// Two mediators complete one task at the same moment. One wins; the other is told the task already ended or
/// loses the optimistic-concurrency race (both are a 409 in the Host), never anything else.
/// A temp-file database, not a shared in-memory connection: each command has its own connection and transaction.
/// </summary>
public sealed class CompleteTaskConcurrencyTests
{
    private const int Rounds = 10;

    [Fact]
    public async Task CompleteTaskAsync_LetsExactlyOneWin_WhenTwoMediatorsCompleteTheSameTaskAtOnce()
    {
        await using var engine = await CreateOnTempFileAsync();
        await engine.DeployAsync("TestData/two-step-review.bpmn");

        for (var round = 0; round < Rounds; round++)
        {
            var started = await engine.StartAsync("TwoStepReview", businessKey: $"XT-{round:D4}");
            var review = await engine.SingleOpenTaskAsync(started.Id, "Task_Review");
            using var go = new ManualResetEventSlim();
            var attempts = new[] { "gonzo", "fozzie" }
                .Select(actor => Task.Run(() => { go.Wait(TestContext.Current.CancellationToken); return TryCompleteAsync(engine, review.Id, actor); }))
                .ToList();
            go.Set();

            await AssertOneWinnerAsync(engine, started.Id, await Task.WhenAll(attempts));
        }
    }

    [Fact]
    public async Task CompleteTaskAsync_TellsTheLoserTheTaskEnded_WhenWinnerCommitsBetweenItsTaskAndInstanceReads()
    {
        var pause = new PauseBeforeInstanceRead();
        await using var engine = await CreateOnTempFileAsync(null, pause);
        await engine.DeployAsync("TestData/two-step-review.bpmn");
        var started = await engine.StartAsync("TwoStepReview");
        var review = await engine.SingleOpenTaskAsync(started.Id, "Task_Review");

        var gate = new PauseBeforeInstanceRead.Gate();
        var held = Task.Run(() => { pause.Arm(gate); return TryCompleteAsync(engine, review.Id, "gonzo"); });
        // Should the engine stop reading the instance row on its own, or hold a write lock there, carry on after a while.
        await Task.WhenAny(gate.Reached, Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        var winner = TryCompleteAsync(engine, review.Id, "fozzie");
        await Task.WhenAny(winner, Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        gate.Release();

        await AssertOneWinnerAsync(engine, started.Id, await Task.WhenAll(winner, held));
    }

    private static async Task<object> TryCompleteAsync(TestEngine engine, Guid taskId, string actor)
    {
        try
        {
            return await engine.CompleteAsync(taskId, actor);
        }
        catch (ConcurrencyConflictException conflict)
        {
            return conflict;
        }
    }

    private static async Task AssertOneWinnerAsync(TestEngine engine, Guid instanceId, object[] results)
    {
        Assert.Single(results, r => r is TaskOutcome.Completed);
        Assert.Single(results, r => r is TaskOutcome.AlreadyEnded or ConcurrencyConflictException);
        Assert.Equal(["Task_Approve"], (await engine.InstanceAsync(instanceId)).Waiting);
        Assert.Single(await engine.OpenTasksAsync(instanceId), t => t.ElementId == "Task_Approve");
        Assert.Single(await engine.JournalAsync(instanceId), e => e.Kind == JournalKinds.TaskCompleted);
    }
}
