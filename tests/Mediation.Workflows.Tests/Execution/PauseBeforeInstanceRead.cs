using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mediation.Workflows.Tests.Execution;

/// <summary>
/// Holds one command back just before it reads the instance row, so a test can let another command run and
/// commit in that gap: the interleaving a real race produces only now and then. Only the flow that called
/// <see cref="Arm"/> is held, and only once.
/// </summary>
internal sealed class PauseBeforeInstanceRead : DbCommandInterceptor
{
    private readonly AsyncLocal<Gate?> armed = new();

    /// <summary>Holds the calling flow's next instance read until <paramref name="gate"/> is released.</summary>
    public void Arm(Gate gate) => armed.Value = gate;

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (armed.Value is { } gate && command.CommandText.Contains("FROM \"ProcessInstances\"", StringComparison.Ordinal)
            && gate.TryHold())
        {
            await gate.WaitForReleaseAsync(cancellationToken);
        }
        return result;
    }

    public sealed class Gate
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int used;

        /// <summary>Completes when the held command has arrived at the instance read.</summary>
        public Task Reached => reached.Task;

        public void Release() => released.TrySetResult();

        internal bool TryHold() => Interlocked.Exchange(ref used, 1) == 0;

        internal Task WaitForReleaseAsync(CancellationToken ct)
        {
            reached.TrySetResult();
            return released.Task.WaitAsync(ct);
        }
    }
}
