using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace DeviceLab.Server.Jobs;

/// <summary>
/// Hangfire's logging through the host's logger factory. Hangfire keeps its log provider process-wide, so in a process
/// with several hosts (test suites) the last host's factory serves them all; when that host stops, its disposed factory
/// must not make job creation fail in the hosts still running — they log nothing from Hangfire instead.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _host = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _host.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception? exception = null) => false;
    }
}
