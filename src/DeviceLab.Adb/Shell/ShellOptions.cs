namespace DeviceLab.Adb.Shell;

/// <summary>How to run one shell command.</summary>
public sealed record ShellOptions
{
    public static ShellOptions Default { get; } = new();

    public ShellProtocol Protocol { get; init; } = ShellProtocol.Automatic;

    /// <summary>Bytes for the command's stdin, sent until the stream ends (then stdin is closed). Without it, stdin is closed at once.
    /// Only shell v2 carries stdin.</summary>
    public Stream? StandardInput { get; init; }
}
