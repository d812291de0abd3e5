using System.Diagnostics;

namespace DeviceLab.VirtualDevice.Sandbox;

/// <summary>A running device shell command: its pipes, its exit code, and its process group.</summary>
internal sealed class ShellProcess : IDisposable
{
    private readonly Process _process;
    private readonly Action<ShellProcess> _onDisposed;
    private int _killed;

    public ShellProcess(Process process, Action<ShellProcess> onDisposed)
    {
        _process = process;
        _onDisposed = onDisposed;
        Id = process.Id;
    }

    /// <summary>The pid of the shell, which is also its process group id.</summary>
    public int Id { get; }

    public Stream StandardInput => _process.StandardInput.BaseStream;
    public Stream StandardOutput => _process.StandardOutput.BaseStream;
    public Stream StandardError => _process.StandardError.BaseStream;

    /// <summary>Waits for the shell to exit; the exit code as the device's shell reports it (128 + signal when killed).</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Kills the command and everything it started (its whole process group).</summary>
    public void KillGroup()
    {
        if (Interlocked.Exchange(ref _killed, 1) == 1) return;
        ProcessGroup.Kill(Id);
    }

    public void Dispose()
    {
        _onDisposed(this);
        _process.Dispose();
    }
}
