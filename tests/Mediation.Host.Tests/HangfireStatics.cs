using Hangfire.Logging;
using Microsoft.Extensions.Hosting;

namespace Mediation.Host.Tests;

/// <summary>
/// Hangfire keeps process-wide statics that each Host sets as it starts: the job storage the Host then reads back
/// into its own services, and a log provider over the Host's logger factory. Test classes start Hosts in parallel in
/// one process, so they start one at a time (a Host must not read back another's storage, on another database), and
/// no Host's log provider is left behind to be used after that Host and its logger factory are disposed.
/// </summary>
internal static class HangfireStatics
{
    private static readonly Lock OneStart = new();

    public static IHost StartAlone(Func<IHost> start)
    {
        lock (OneStart)
        {
            try
            {
                return start();
            }
            finally
            {
                LogProvider.SetCurrentLogProvider(NoLogs.Instance);
            }
        }
    }

    private sealed class NoLogs : ILogProvider, ILog
    {
        public static readonly NoLogs Instance = new();

        public ILog GetLogger(string name) => this;

        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
