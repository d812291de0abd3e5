namespace DeviceLab.Adb.Server;

/// <summary>How to start an adb server: which binary, which port, and where it may write.</summary>
public sealed record AdbServerLaunch
{
    /// <summary>The smart-socket port (never 5555–5585 for devices: the server scans those for emulators).</summary>
    public required int Port { get; init; }

    /// <summary>The adb binary; a bare name is looked up on PATH.</summary>
    public string AdbPath { get; init; } = "adb";

    /// <summary>HOME for the server: it writes <c>$HOME/.android/adbkey</c>. Null keeps the caller's HOME.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>TMPDIR for the server: it writes <c>$TMPDIR/adb.&lt;uid&gt;.log</c>. Null keeps the caller's TMPDIR.</summary>
    public string? TempDirectory { get; init; }

    /// <summary>How long the server may take to answer <c>host:version</c> after it starts.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
