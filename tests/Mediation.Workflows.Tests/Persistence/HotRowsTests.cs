using Mediation.Workflows.Execution;
using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using static Mediation.Workflows.Tests.TestEngine;

namespace Mediation.Workflows.Tests.Persistence;

/// <summary>The rows a command starts from, kept from the last commit: exactly what a query would give, and never a stale one.</summary>
public sealed class HotRowsTests
{
    private const string TwoStep = "TestData/two-step-review.bpmn";

    [Fact]
    public async Task AKeptRow_IsWhatTheDatabaseGivesBack_ValueForValue()
    {
        await using var engine = await CreateLoggedAsync();
        await engine.DeployAsync(TwoStep);
        var started = await engine.StartAsync("TwoStepReview", "XT-0001");
        var taskId = started.NewTasks[0].Id;

        await using var db = engine.Database();
        var keptInstance = await engine.HotRows.InstanceAsync(db, started.Id, Ct);
        var keptTask = await engine.HotRows.TaskAsync(db, taskId, Ct);
        await using var other = engine.Database();
        var storedInstance = await other.ProcessInstances.AsNoTracking().SingleAsync(i => i.Id == started.Id, Ct);
        var storedTask = await other.UserTasks.AsNoTracking().SingleAsync(t => t.Id == taskId, Ct);

        AssertSameValues(storedInstance, keptInstance!);
        AssertSameValues(storedTask, keptTask!);
        Assert.Equal(EntityState.Unchanged, db.Entry(keptTask!).State);   // tracked as read, so its update names its revision
    }

    [Fact]
    public async Task ARowWhoseCommitFailed_IsReadFromTheDatabaseAgain()
    {
        await using var engine = await CreateLoggedAsync();
        await engine.DeployAsync(TwoStep);
        var started = await engine.StartAsync("TwoStepReview", "XT-0001");
        var task = started.NewTasks[0].Id;
        ProcessInstanceEntity before;
        UserTaskEntity beforeTask;
        await using (var db = engine.Database())
        {
            before = await db.ProcessInstances.AsNoTracking().SingleAsync(i => i.Id == started.Id, Ct);
            beforeTask = await db.UserTasks.AsNoTracking().SingleAsync(t => t.Id == task, Ct);
        }
        await engine.CompleteAsync(task);

        // Copies from before that completion stand in for rows kept wrongly: a second completion starts from them, and
        // its commit loses on the revision, so what it held is dropped.
        await using (var db = engine.Database())
        {
            engine.HotRows.Committed([db.Attach(before), db.Attach(beforeTask)]);
        }
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => engine.CompleteAsync(task));

        await using var fresh = engine.Database();
        var read = await engine.HotRows.TaskAsync(fresh, task, Ct);
        Assert.Equal(UserTaskStatus.Completed, read!.Status);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void AssertSameValues<T>(T expected, T actual)
    {
        foreach (var property in typeof(T).GetProperties())
        {
            var (e, a) = (property.GetValue(expected), property.GetValue(actual));
            Assert.True(Equals(e, a) && (e is not DateTimeOffset d || d.Offset == ((DateTimeOffset)a!).Offset),
                $"{typeof(T).Name}.{property.Name}: stored {e}, kept {a}");
        }
    }
}
