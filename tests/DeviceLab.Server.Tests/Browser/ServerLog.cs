using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DeviceLab.Server.Tests.Browser;

/// <summary>What the dashboard lab's server logged (DeviceLab's own categories from Information, everything from Warning),
/// kept in memory so a failing browser test can say what the server saw.</summary>
public sealed class ServerLog : ILoggerProvider
{
    private const int Kept = 400;
    private readonly ConcurrentQueue<string> _lines = new();

    public ILogger CreateLogger(string categoryName) => new Category(this, categoryName);

    /// <summary>The last lines, oldest first.</summary>
    public string Recent(int lines = 60) => string.Join('\n', _lines.TakeLast(lines));

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > Kept) _lines.TryDequeue(out _);
    }

    private sealed class Category(ServerLog log, string name) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel level) => level >= LogLevel.Warning || (level >= LogLevel.Information && name.StartsWith("DeviceLab", StringComparison.Ordinal));

        public void Log<TState>(LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(level)) return;
            log.Write($"{DateTime.UtcNow:HH:mm:ss.fff} {level.ToString()[..4]} {name}: {formatter(state, exception)}{(exception is null ? "" : $"\n  {exception}")}");
        }
    }
}
