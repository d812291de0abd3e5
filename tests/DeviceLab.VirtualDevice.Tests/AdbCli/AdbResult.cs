namespace DeviceLab.VirtualDevice.Tests.AdbCli;

/// <summary>What one run of the adb command line printed and returned.</summary>
public sealed record AdbResult(string[] Arguments, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Both streams: adb 29 prints its own errors to stdout when that is not a terminal.</summary>
    public string Output => Stdout + Stderr;

    public AdbResult EnsureSuccess()
    {
        if (ExitCode != 0) throw new InvalidOperationException($"adb {string.Join(' ', Arguments)} exited {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}");
        return this;
    }
}
