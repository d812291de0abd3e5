using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace DeviceLab.Cli.Demo;

/// <summary>
/// Where the demo keeps its data. Normally <c>.devicelab/</c> in the working folder (the server's own default).
/// But when run as root from a folder the <c>postgres</c> user cannot enter (a clone under <c>/root</c>), PostgreSQL
/// could not use it, so the demo picks a folder under <c>/var/lib/devicelab</c> named after the working folder.
/// </summary>
internal static class DemoDataFolder
{
    public const string FallbackRoot = "/var/lib/devicelab";

    /// <param name="requested">--data or DEVICELAB_DATA, or null.</param>
    /// <param name="workingDirectory">The folder the demo runs in.</param>
    /// <param name="fallbackRoot">Parent of the fallback folder (tests point it elsewhere).</param>
    /// <returns>The folder, and why it is not the default when it is not.</returns>
    public static (string Path, string? Reason) Choose(string? requested, string workingDirectory, string fallbackRoot = FallbackRoot)
    {
        if (!string.IsNullOrWhiteSpace(requested)) return (System.IO.Path.GetFullPath(requested), null);
        var preferred = System.IO.Path.Combine(workingDirectory, ".devicelab");
        if (!Environment.IsPrivilegedProcess || PostgresUserCanEnter(workingDirectory)) return (preferred, null);

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(workingDirectory)))[..8];
        var fallback = System.IO.Path.Combine(fallbackRoot, $"{System.IO.Path.GetFileName(workingDirectory.TrimEnd('/'))}-{hash}");
        return (fallback, $"the postgres user cannot enter {workingDirectory}, so PostgreSQL could not use {preferred}");
    }

    private static bool PostgresUserCanEnter(string folder)
    {
        try
        {
            using var test = Process.Start(new ProcessStartInfo("runuser", ["-u", "postgres", "--", "test", "-x", folder])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            test.WaitForExit();
            return test.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no runuser: not a Debian-like system; the server will say what is missing
        }
    }
}
