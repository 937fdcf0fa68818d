using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mediation.Host.Tests;

/// <summary>
/// Holds one command just after it has read an instance row, so a test can let another command run and commit in
/// that gap: the interleaving in which the held command commits stale data and only the concurrency token stops it.
/// Passes every read through until <see cref="HoldNext"/> is called; then holds the next instance read only.
/// </summary>
public sealed class InstanceReadHold : DbCommandInterceptor
{
    private Gate? armed;

    /// <summary>Holds the next read of an instance row, from whichever command comes first, until the gate opens.</summary>
    public Gate HoldNext()
    {
        var gate = new Gate();
        Volatile.Write(ref armed, gate);
        return gate;
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
        DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("FROM \"ProcessInstances\"", StringComparison.Ordinal)
            && Interlocked.Exchange(ref armed, null) is { } gate)
        {
            await gate.HoldAsync(cancellationToken);
        }
        return result;
    }

    public sealed class Gate
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when a command is being held.</summary>
        public Task Reached => reached.Task;

        public void Open() => opened.TrySetResult();

        internal Task HoldAsync(CancellationToken ct)
        {
            reached.TrySetResult();
            return opened.Task.WaitAsync(ct);
        }
    }
}
