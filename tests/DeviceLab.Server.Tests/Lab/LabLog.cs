using Microsoft.Extensions.Logging;

namespace DeviceLab.Server.Tests.Lab;

/// <summary>
/// The lab server's log, kept in memory (the last lines) and — when <c>DEVICELAB_LAB_LOG</c> names a file — appended
/// there, so a failing lab test can say what the server did.
/// </summary>
public sealed class LabLog : ILoggerProvider
{
    private readonly Queue<string> _recent = new();
    private readonly string? _file = Environment.GetEnvironmentVariable("DEVICELAB_LAB_LOG");

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>The last lines, oldest first.</summary>
    public string Recent(int lines = 80)
    {
        lock (_recent) return string.Join('\n', _recent.TakeLast(lines));
    }

    public void Write(string line)
    {
        var stamped = $"{DateTime.UtcNow:HH:mm:ss.fff} {line}";
        lock (_recent)
        {
            _recent.Enqueue(stamped);
            while (_recent.Count > 2000) _recent.Dequeue();
            if (_file is not null) File.AppendAllText(_file, stamped + "\n");
        }
    }

    public void Dispose() { }

    private sealed class Logger(LabLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information &&
            (logLevel >= LogLevel.Warning || category.StartsWith("DeviceLab", StringComparison.Ordinal));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var shortCategory = category[(category.LastIndexOf('.') + 1)..];
            log.Write($"{logLevel.ToString()[..4]} {shortCategory}: {formatter(state, exception)}{(exception is null ? "" : $" | {exception.GetType().Name}: {exception.Message}")}");
        }
    }
}
