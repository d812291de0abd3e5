namespace DeviceLab.Adb.Shell;

/// <summary>Which shell service to use.</summary>
public enum ShellProtocol
{
    /// <summary>Shell v2 when the device advertises <c>shell_v2</c>, the legacy service otherwise.</summary>
    Automatic,

    /// <summary><c>shell,v2,raw:</c> — separate stdout / stderr and the real exit code.</summary>
    V2,

    /// <summary>
    /// Plain <c>shell:</c> for devices without shell v2: stderr arrives mixed into stdout, and the exit code is
    /// recovered from a status line the client appends to the command and strips from the output.
    /// </summary>
    Legacy,
}
