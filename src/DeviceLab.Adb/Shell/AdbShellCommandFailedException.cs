namespace DeviceLab.Adb.Shell;

/// <summary>A shell command ran and exited non-zero (raised only by <see cref="ShellResult.EnsureSuccess"/>).</summary>
public sealed class AdbShellCommandFailedException(ShellResult result)
    : AdbException(Describe(result))
{
    public ShellResult Result { get; } = result;

    private static string Describe(ShellResult result)
    {
        var stderr = result.ErrorText.Trim();
        if (stderr.Length > 500) stderr = stderr[..500] + "…";
        return $"`{result.Command}` exited {result.ExitCode} on device '{result.Serial}'" + (stderr.Length > 0 ? $": {stderr}" : "");
    }
}
