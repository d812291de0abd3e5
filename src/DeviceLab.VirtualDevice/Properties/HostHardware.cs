using System.Globalization;
using System.Runtime.InteropServices;

namespace DeviceLab.VirtualDevice.Properties;

/// <summary>
/// Facts about the machine the virtual device runs on, read from the host itself (never invented):
/// the Android ABI of its CPU, its memory from /proc/meminfo, and its CPU strings from /proc/cpuinfo.
/// </summary>
internal sealed record HostHardware(string Abi, long TotalMemoryBytes, string CpuVendor, string CpuModel, string Hardware)
{
    public static HostHardware Read()
    {
        var cpuInfo = ReadLines("/proc/cpuinfo");
        return new HostHardware(
            AbiOf(RuntimeInformation.OSArchitecture),
            ReadTotalMemoryBytes(ReadLines("/proc/meminfo")),
            FirstValue(cpuInfo, "vendor_id") ?? ArmImplementer(FirstValue(cpuInfo, "CPU implementer")),
            FirstValue(cpuInfo, "model name", "Model", "Processor", "cpu model") ?? "unknown",
            FirstValue(cpuInfo, "Hardware") ?? "devicelab");
    }

    /// <summary>The Android ABI name of a CPU architecture (what <c>ro.product.cpu.abi</c> says on a phone).</summary>
    public static string AbiOf(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.X86 => "x86",
        Architecture.Arm64 => "arm64-v8a",
        Architecture.Arm or Architecture.Armv6 => "armeabi-v7a",
        Architecture.RiscV64 => "riscv64",
        _ => architecture.ToString().ToLowerInvariant(),
    };

    /// <summary>The company behind an ARM "CPU implementer" code (the main ones; others stay as the code).</summary>
    internal static string ArmImplementer(string? code) => code?.ToLowerInvariant() switch
    {
        null => "unknown",
        "0x41" => "ARM",
        "0x42" => "Broadcom",
        "0x48" => "HiSilicon",
        "0x4e" => "NVIDIA",
        "0x51" => "Qualcomm",
        "0x53" => "Samsung",
        "0x61" => "Apple",
        "0xc0" => "Ampere",
        _ => code,
    };

    /// <summary>MemTotal from /proc/meminfo lines ("MemTotal:  24567890 kB"), in bytes; 0 when absent.</summary>
    internal static long ReadTotalMemoryBytes(IEnumerable<string> memInfo)
    {
        var value = FirstValue(memInfo, "MemTotal");
        if (value is null) return 0;
        var number = value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib * 1024 : 0;
    }

    /// <summary>The value of the first "key : value" line whose key is one of <paramref name="keys"/>.</summary>
    internal static string? FirstValue(IEnumerable<string> lines, params string[] keys)
    {
        foreach (var key in keys)
        {
            foreach (var line in lines)
            {
                var colon = line.IndexOf(':');
                if (colon <= 0 || line[..colon].Trim() != key) continue;
                var value = line[(colon + 1)..].Trim();
                if (value.Length > 0) return value;
            }
        }
        return null;
    }

    private static string[] ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}
