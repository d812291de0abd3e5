using System.Diagnostics;
using System.Runtime.InteropServices;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Device;

/// <summary>
/// Reads the fingerprint of the device the agent runs on: Android properties through <c>getprop</c> on a phone,
/// DMI / os-release / procfs on other Linux machines.
/// </summary>
/// <remarks>
/// <see cref="DeviceFingerprint.IsVirtual"/> is true when the caller says so (<c>--virtual</c>, or
/// <c>DEVICELAB_VIRTUAL_DEVICE=1</c> which DeviceLab's virtual devices set), on an Android emulator
/// (<c>ro.kernel.qemu</c>, goldfish / ranchu hardware) and under a hypervisor (the <c>hypervisor</c> CPU flag):
/// figures from such machines are never a phone's.
/// </remarks>
public static class DeviceFingerprintReader
{
    public const string VirtualDeviceVariable = "DEVICELAB_VIRTUAL_DEVICE";

    public static DeviceFingerprint Read(bool declaredVirtual, string procfsRoot = "/proc")
    {
        var cpuInfo = ReadOrEmpty(Path.Combine(procfsRoot, "cpuinfo"));
        var hypervisor = cpuInfo.Contains(" hypervisor", StringComparison.Ordinal);
        var declared = declaredVirtual || Environment.GetEnvironmentVariable(VirtualDeviceVariable) == "1";
        var cpu = CpuInfoField(cpuInfo, "model name") ?? CpuInfoField(cpuInfo, "Hardware");
        var memory = MemTotalBytes(ReadOrEmpty(Path.Combine(procfsRoot, "meminfo")));
        var kernel = NullIfEmpty(ReadOrEmpty(Path.Combine(procfsRoot, "sys", "kernel", "osrelease")).Trim());

        if (OperatingSystem.IsAndroid() || File.Exists("/system/bin/getprop"))
        {
            var props = AndroidProperties.Read();
            var emulator = props.Get("ro.kernel.qemu") == "1" || props.Get("ro.hardware") is "goldfish" or "ranchu";
            return new DeviceFingerprint(
                props.Get("ro.product.model") ?? "unknown", props.Get("ro.product.manufacturer") ?? "unknown",
                props.Get("ro.build.fingerprint") ?? RuntimeInformation.OSDescription,
                props.Get("ro.product.cpu.abi") ?? Abi(), Environment.ProcessorCount, declared || emulator || hypervisor,
                props.Get("ro.soc.model") ?? cpu, memory, kernel);
        }
        return new DeviceFingerprint(
            NullIfEmpty(ReadOrEmpty("/sys/devices/virtual/dmi/id/product_name").Trim()) ?? Environment.MachineName,
            NullIfEmpty(ReadOrEmpty("/sys/devices/virtual/dmi/id/sys_vendor").Trim()) ?? "unknown",
            OsRelease() ?? RuntimeInformation.OSDescription, Abi(), Environment.ProcessorCount, declared || hypervisor,
            cpu, memory, kernel);
    }

    /// <summary>The Android ABI name of the process architecture.</summary>
    public static string Abi() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.Arm64 => "arm64-v8a",
        Architecture.Arm => "armeabi-v7a",
        Architecture.X64 => "x86_64",
        Architecture.X86 => "x86",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static string? OsRelease()
    {
        foreach (var line in ReadOrEmpty("/etc/os-release").Split('\n'))
        {
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal)) return line["PRETTY_NAME=".Length..].Trim('"');
        }
        return null;
    }

    private static string? CpuInfoField(string cpuInfo, string name)
    {
        foreach (var line in cpuInfo.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim() == name) return NullIfEmpty(line[(colon + 1)..].Trim());
        }
        return null;
    }

    private static long? MemTotalBytes(string meminfo)
    {
        foreach (var line in meminfo.Split('\n'))
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal)) continue;
            var digits = new string(line.Where(char.IsAsciiDigit).ToArray());
            return long.TryParse(digits, out var kib) ? kib * 1024 : null;
        }
        return null;
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>The output of <c>getprop</c> ("[key]: [value]" lines).</summary>
    private sealed class AndroidProperties(Dictionary<string, string> values)
    {
        public string? Get(string key) => values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

        public static AndroidProperties Read()
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            try
            {
                using var process = Process.Start(new ProcessStartInfo("getprop") { RedirectStandardOutput = true, UseShellExecute = false });
                if (process is null) return new(values);
                var output = process.StandardOutput.ReadToEndAsync();
                if (!output.Wait(TimeSpan.FromSeconds(5))) process.Kill();
                foreach (var line in output.IsCompletedSuccessfully ? output.Result.Split('\n') : [])
                {
                    var split = line.IndexOf("]: [", StringComparison.Ordinal);
                    if (line.StartsWith('[') && split > 0 && line.TrimEnd().EndsWith(']'))
                        values[line[1..split]] = line[(split + 4)..line.TrimEnd().LastIndexOf(']')];
                }
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
            {
                // No getprop: the fingerprint says "unknown" rather than guessing.
            }
            return new(values);
        }
    }
}
