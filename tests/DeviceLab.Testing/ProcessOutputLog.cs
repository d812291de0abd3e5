using System.Diagnostics;
using System.Text;

namespace DeviceLab.Testing;

/// <summary>
/// Everything a child process writes to standard output and standard error, in one text in the order the lines arrive,
/// readable while the process runs (for waiting on a line, and for a failing test's message).
/// </summary>
public sealed class ProcessOutputLog
{
    private readonly StringBuilder _output = new();

    private ProcessOutputLog()
    {
    }

    /// <summary>
    /// Starts reading <paramref name="process"/>'s redirected output and error streams into a new log. Call once, right
    /// after the process started; nothing else may read those streams.
    /// </summary>
    public static ProcessOutputLog Attach(Process process)
    {
        var log = new ProcessOutputLog();
        process.OutputDataReceived += (_, e) => log.Append(e.Data);
        process.ErrorDataReceived += (_, e) => log.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return log;
    }

    /// <summary>What the process wrote so far, one line per line it printed.</summary>
    public string Text { get { lock (_output) return _output.ToString(); } }

    // The end of each stream arrives as a null line; it appends an empty line, as the tests have always shown it.
    private void Append(string? line)
    {
        lock (_output) _output.AppendLine(line);
    }
}
