using System.Text;
using DeviceLab.Adb;
using DeviceLab.Adb.Shell;
using DeviceLab.Server.Runs.Ingestion;

namespace DeviceLab.Server.Runs.Execution.Device;

/// <summary>
/// Runs the agent over <c>shell,v2</c> and feeds its stdout, line by line as it streams, to the attempt's
/// <see cref="AttemptIngestion"/>; keeps the tail of its stderr for error messages. Cancelling closes the shell
/// stream (the device's shell then ends the agent); on a phone <see cref="KillAsync"/> also kills it by the pid it wrote.
/// </summary>
public static class AdbAgentRun
{
    /// <summary>Returns the agent's exit code and the end of its stderr.</summary>
    /// <exception cref="AdbConnectionLostException">The device went away mid-run.</exception>
    /// <exception cref="MalformedAgentEventException">The agent wrote an invalid event (the stream is closed at once).</exception>
    public static async Task<AgentExit> RunAsync(AdbDevice device, ShellCommand command, AttemptIngestion ingestion, TimeProvider time, CancellationToken cancellationToken)
    {
        var splitter = new ShellLineSplitter((line, ct) => ingestion.AcceptLineAsync(line, time.GetUtcNow(), ct));
        var stderr = new StderrTail(4096);
        var exitCode = await device.ExecuteShellAsync(command, splitter.Handler, stderr.WriteAsync, ShellOptions.Default, cancellationToken);
        await splitter.CompleteAsync(cancellationToken);
        return new AgentExit(exitCode, stderr.Text);
    }

    /// <summary>Kills the agent by the pid it wrote, when that pid still is the agent (best effort, a few seconds at most).</summary>
    public static async Task KillAsync(AdbDevice device, string pidFile)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await device.RunShellAsync(ShellCommand.Of("sh", "-c",
                "p=$(cat \"$1\" 2>/dev/null) && [ -n \"$p\" ] && grep -q devicelab-agent /proc/$p/cmdline 2>/dev/null && kill \"$p\"; true",
                "sh", pidFile), cancellationToken: timeout.Token);
        }
        catch (Exception e) when (e is AdbException or OperationCanceledException)
        {
            // The device is gone or slow: the closed stream is all we can do.
        }
    }

    private sealed class StderrTail(int maxBytes)
    {
        private readonly Queue<byte> _bytes = new();

        public string Text
        {
            get
            {
                lock (_bytes) return Encoding.UTF8.GetString(_bytes.ToArray()).Trim();
            }
        }

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            lock (_bytes)
            {
                foreach (var b in data.Span)
                {
                    _bytes.Enqueue(b);
                    if (_bytes.Count > maxBytes) _bytes.Dequeue();
                }
            }
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>How the agent process ended.</summary>
public sealed record AgentExit(int ExitCode, string StderrTail);
