using System.Diagnostics;
using Mediation.Workflows.Execution;
using static Mediation.Workflows.Tests.Persistence.CommandLog.RecoveryTests;
using static Mediation.Workflows.Tests.TestEngine;

namespace Mediation.Workflows.Tests.Persistence.CommandLog;

/// <summary>
/// The table writer keeps answered commands in an open transaction for a few milliseconds. Here it keeps them for an
/// hour, so that what another connection sees is the barrier's doing (CommandLogBarrier), not the timing's: a plain
/// connection without it still sees the tables as they were, any product context sees every answered command, and a
/// crash loses nothing the log holds.
/// </summary>
public sealed class OpenTransactionTests
{
    private const string TwoStep = "TestData/two-step-review.bpmn";

    private static EngineOptions Held => new()
    {
        CommandLogCommitInterval = TimeSpan.FromHours(1),
        CommandLogIdleCommit = TimeSpan.FromHours(1),
        CommandLogMaintenance = TimeSpan.FromHours(1),
    };

    /// <summary>An engine on a logged file whose writer holds its transaction, with the two-step flow deployed.</summary>
    private static async Task<TestEngine> HeldAsync()
    {
        var engine = await CreateLoggedAsync(engineOptions: Held);
        await engine.DeployAsync(TwoStep);
        return engine;
    }

    [Fact]
    public async Task AnAnsweredCommand_IsReadByAnyProductContext_BeforeTheWriterWouldCommitIt()
    {
        await using var engine = await HeldAsync();

        var started = await engine.StartAsync("TwoStepReview", "XT-0001");

        // Answered, durable in the log, and still in the writer's transaction: a connection without the barrier sees no instance.
        Assert.Equal(0, Count(engine.DatabaseFile!, "ProcessInstances"));
        // The engine's own query goes through the barrier, which commits first.
        Assert.Equal(["Task_Review"], (await engine.InstanceAsync(started.Id)).Waiting);
        Assert.Equal(1, Count(engine.DatabaseFile!, "ProcessInstances"));
    }

    [Fact]
    public async Task AWriteOnAnotherContext_GoesInAtOnce_ThoughTheWriterHoldsTheLock()
    {
        await using var engine = await HeldAsync();
        var started = await engine.StartAsync("TwoStepReview", "XT-0001");
        Assert.Equal(0, Count(engine.DatabaseFile!, "ProcessInstances"));

        // A deployment writes through EF on a context of its own, outside the command log: without the barrier it
        // would wait for SQLite's write lock until its busy timeout (30 s) and fail.
        var clock = Stopwatch.StartNew();
        await engine.DeployAsync("TestData/amount-routing.bpmn");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the deployment waited {clock.Elapsed} for the write lock");
        Assert.Equal(1, Count(engine.DatabaseFile!, "ProcessInstances"));
        // And the writer goes on in a transaction of its own.
        Assert.Equal(TaskOutcome.Completed, await engine.CompleteAsync(started.NewTasks[0].Id, "kermit"));
        Assert.Equal(["Task_Approve"], (await engine.InstanceAsync(started.Id)).Waiting);
    }

    [Fact]
    public async Task ACrash_WithAnsweredCommandsInTheWritersTransaction_LosesNone()
    {
        await using var engine = await HeldAsync();
        var first = await engine.StartAsync("TwoStepReview", "XT-0001");
        await engine.CompleteAsync(first.NewTasks[0].Id, "kermit");
        var second = await engine.StartAsync("TwoStepReview", "XT-0002");
        // What a power cut leaves: the tables as committed (no instance yet) and the log as flushed.
        var copy = Snapshot(engine);
        Assert.Equal(0, Count(copy, "ProcessInstances"));
        CopyLog(engine, copy);

        await using var recovered = await OnFileAsync(copy, engine.Clock, new Workflows.Persistence.Sqlite.SqlitePragmaInterceptor());

        Assert.Equal(["Task_Approve"], (await recovered.InstanceAsync(first.Id)).Waiting);
        Assert.Equal(["Task_Review"], (await recovered.InstanceAsync(second.Id)).Waiting);
    }
}
