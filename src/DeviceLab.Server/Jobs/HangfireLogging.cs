using Hangfire.Logging;

namespace DeviceLab.Server.Jobs;

/// <summary>
/// Hangfire's log provider, which Hangfire keeps in a process-wide static: with several hosts in one process (tests,
/// a restart in place) it points at the logger factory of the host configured last, and once that host is disposed every
/// Hangfire log call in the other hosts threw <see cref="ObjectDisposedException"/> — workers crashed in a loop and
/// fetched jobs stayed invisible. This provider drops a message instead when its host's logging is gone.
/// </summary>
internal sealed class HangfireLogging(ILoggerFactory loggerFactory) : ILogProvider
{
    public ILog GetLogger(string name) => new ResilientLog(loggerFactory, name);

    private sealed class ResilientLog(ILoggerFactory loggerFactory, string name) : ILog
    {
        private Microsoft.Extensions.Logging.ILogger? _logger;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                var logger = _logger ??= loggerFactory.CreateLogger(name);
                var level = Level(logLevel);
                if (messageFunc is null) return logger.IsEnabled(level);
                if (!logger.IsEnabled(level)) return false;
                logger.Log(level, 0, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false; // the host this provider belongs to has stopped
            }
        }

        private static Microsoft.Extensions.Logging.LogLevel Level(Hangfire.Logging.LogLevel level) => level switch
        {
            Hangfire.Logging.LogLevel.Trace => Microsoft.Extensions.Logging.LogLevel.Trace,
            Hangfire.Logging.LogLevel.Debug => Microsoft.Extensions.Logging.LogLevel.Debug,
            Hangfire.Logging.LogLevel.Info => Microsoft.Extensions.Logging.LogLevel.Information,
            Hangfire.Logging.LogLevel.Warn => Microsoft.Extensions.Logging.LogLevel.Warning,
            Hangfire.Logging.LogLevel.Error => Microsoft.Extensions.Logging.LogLevel.Error,
            _ => Microsoft.Extensions.Logging.LogLevel.Critical,
        };
    }
}
