using System.Text;

namespace DeviceLab.Adb.Shell;

/// <summary>A finished shell command: its exit code and everything it wrote.</summary>
/// <param name="StandardError">Empty with <see cref="ShellProtocol.Legacy"/>, where stderr is mixed into stdout.</param>
public sealed record ShellResult(string Serial, ShellCommand Command, int ExitCode, byte[] StandardOutput, byte[] StandardError, ShellProtocol Protocol)
{
    public bool Succeeded => ExitCode == 0;

    public string OutputText => Encoding.UTF8.GetString(StandardOutput);

    public string ErrorText => Encoding.UTF8.GetString(StandardError);

    /// <summary>Returns this result when the command exited 0; otherwise throws with its exit code and stderr.</summary>
    public ShellResult EnsureSuccess() => Succeeded ? this : throw new AdbShellCommandFailedException(this);
}
