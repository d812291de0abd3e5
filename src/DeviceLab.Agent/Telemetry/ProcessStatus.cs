using System.Globalization;

namespace DeviceLab.Agent.Telemetry;

/// <summary>Fields of <c>/proc/self/status</c> ("VmRSS:\t  123456 kB"): the kernel always reports them in kB (KiB).</summary>
public static class ProcessStatus
{
    /// <summary>The value of <paramref name="key"/> (e.g. <c>VmHWM:</c>) in bytes, or null with <paramref name="problem"/> naming <paramref name="path"/>.</summary>
    public static long? FindBytes(string status, string key, string path, out string? problem)
    {
        foreach (var line in status.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith(key, StringComparison.Ordinal)) continue;
            var rest = line[key.Length..].Trim();
            var space = rest.IndexOf(' ');
            if (long.TryParse(space < 0 ? rest : rest[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
            {
                problem = null;
                return kib * 1024;
            }
            problem = $"{path}: '{line.ToString()}' has no kB figure";
            return null;
        }
        problem = $"{path} has no {key.TrimEnd(':')} line";
        return null;
    }
}
