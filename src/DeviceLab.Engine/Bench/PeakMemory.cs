using System.Diagnostics;

namespace DeviceLab.Engine.Bench;

/// <summary>
/// The process's peak resident memory. On Linux and Android that is VmHWM in /proc/self/status, which
/// writing "5" to /proc/self/clear_refs resets so each repetition reports its own peak (where the kernel
/// refuses, the peak covers the life of the process, which only overstates it). Elsewhere the runtime's
/// peak working set.
/// </summary>
public static class PeakMemory
{
    private const string Status = "/proc/self/status";
    private const string ClearRefs = "/proc/self/clear_refs";

    /// <summary>Starts a new peak at the current resident size; false when the platform cannot.</summary>
    public static bool TryReset()
    {
        try
        {
            if (!File.Exists(ClearRefs)) return false;
            File.WriteAllText(ClearRefs, "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Peak resident bytes, or -1 when unknown.</summary>
    public static long ReadPeakBytes()
    {
        try
        {
            if (File.Exists(Status))
            {
                foreach (var line in File.ReadLines(Status))
                {
                    if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                    var kib = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kib, System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            return peak > 0 ? peak : -1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or PlatformNotSupportedException)
        {
            return -1;
        }
    }
}
