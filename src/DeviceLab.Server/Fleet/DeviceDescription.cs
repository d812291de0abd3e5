using System.Globalization;
using DeviceLab.Adb;

namespace DeviceLab.Server.Fleet;

/// <summary>What a device says about itself over ADB: the hardware fields of <see cref="Device"/>, derived from its
/// properties (<c>getprop</c>) and, where properties are silent, from <c>/sys</c> and <c>/proc</c>.</summary>
public sealed record DeviceDescription(
    string? Manufacturer, string? Model, string? Soc, string? Abi, string? OsVersion, string? OsBuild,
    int? CpuCores, long? RamBytes, bool IsVirtual, Dictionary<string, string> Properties)
{
    /// <summary>Reads the properties, and the CPU and memory files when the properties do not say.</summary>
    public static async Task<DeviceDescription> ReadAsync(AdbDevice device, CancellationToken cancellationToken)
    {
        var properties = await device.GetPropertiesAsync(cancellationToken);
        int? cores = Int(properties.Get("devicelab.cpu.cores"));
        long? ram = Long(properties.Get("devicelab.memory.total_bytes"));
        if (cores is null || ram is null)
        {
            // One fixed script; nothing variable reaches the device's shell.
            var files = await device.RunShellAsync(Adb.Shell.ShellCommand.Of("sh", "-c",
                "cat /sys/devices/system/cpu/possible 2>/dev/null; grep MemTotal /proc/meminfo 2>/dev/null"), cancellationToken: cancellationToken);
            var lines = files.OutputText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            cores ??= lines.Select(CoresOf).FirstOrDefault(c => c is not null);
            ram ??= lines.Select(MemTotalBytesOf).FirstOrDefault(m => m is not null);
        }
        return FromProperties(properties, cores, ram);
    }

    public static DeviceDescription FromProperties(IReadOnlyDictionary<string, string> properties, int? cores, long? ramBytes)
    {
        string? Get(string key) => properties.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        var socModel = Get("ro.soc.model");
        var soc = socModel is null
            ? Get("ro.board.platform") ?? Get("ro.hardware")
            : Get("ro.soc.manufacturer") is { } socMaker && !socModel.StartsWith(socMaker, StringComparison.OrdinalIgnoreCase) ? $"{socMaker} {socModel}" : socModel;
        var isVirtual = Get("devicelab.virtual") == "1" || Get("ro.kernel.qemu") == "1" || Get("ro.boot.qemu") == "1";
        return new DeviceDescription(
            Get("ro.product.manufacturer"), Get("ro.product.model"), soc, Get("ro.product.cpu.abi"),
            Get("ro.build.version.release"), Get("ro.build.fingerprint") ?? Get("ro.build.id"),
            cores, ramBytes, isVirtual, properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
    }

    public List<string> AutomaticTags() => DeviceTags.Automatic(Model, OsVersion, Abi, IsVirtual);

    /// <summary>"0-7" or "0-3,4-7" → 8.</summary>
    internal static int? CoresOf(string line)
    {
        if (line.Length == 0 || !char.IsDigit(line[0]) || line.Contains(':')) return null;
        var count = 0;
        foreach (var range in line.Split(','))
        {
            var ends = range.Split('-');
            if (!int.TryParse(ends[0], CultureInfo.InvariantCulture, out var first)) return null;
            var last = first;
            if (ends.Length == 2 && !int.TryParse(ends[1], CultureInfo.InvariantCulture, out last)) return null;
            count += last - first + 1;
        }
        return count > 0 ? count : null;
    }

    /// <summary>"MemTotal:  7806784 kB" → bytes.</summary>
    internal static long? MemTotalBytesOf(string line)
    {
        if (!line.StartsWith("MemTotal:", StringComparison.Ordinal)) return null;
        var parts = line["MemTotal:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var kib) ? kib * 1024 : null;
    }

    private static int? Int(string? text) => int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
    private static long? Long(string? text) => long.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
