using HangfireLog = Hangfire.Logging.ILog;
using HangfireLogLevel = Hangfire.Logging.LogLevel;

namespace DeviceLab.Server.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide (static) and Hangfire caches its loggers, so with several hosts in one process
/// (tests) a logger can outlive the host whose logger factory made it. The stock provider then throws
/// ObjectDisposedException from inside Hangfire — failing an enqueue of another, healthy host. This one creates the
/// logger when first used and drops messages of a stopped host instead.
/// </summary>
internal sealed class HangfireLogging(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
{
    public HangfireLog GetLogger(string name) => new ForwardingLog(factory, name);

    private sealed class ForwardingLog(ILoggerFactory factory, string name) : HangfireLog
    {
        private ILogger? _logger;

        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                _logger ??= factory.CreateLogger(name);
                var level = Level(logLevel);
                if (messageFunc is null) return _logger.IsEnabled(level);
                if (!_logger.IsEnabled(level)) return false;
                _logger.Log(level, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false; // the host that owned the factory has stopped
            }
        }

        private static LogLevel Level(HangfireLogLevel level) => level switch
        {
            HangfireLogLevel.Trace => LogLevel.Trace,
            HangfireLogLevel.Debug => LogLevel.Debug,
            HangfireLogLevel.Info => LogLevel.Information,
            HangfireLogLevel.Warn => LogLevel.Warning,
            HangfireLogLevel.Error => LogLevel.Error,
            _ => LogLevel.Critical,
        };
    }
}
