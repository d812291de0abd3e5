using System.Globalization;

namespace DeviceLab.Agent.Tests.Telemetry;

/// <summary>
/// A sysfs + procfs tree in a temp folder laid out like an Android phone's (power_supply/battery with µV, µA, µAh,
/// tenths of °C; thermal zones in m°C; cpufreq in kHz; /proc/self/status in kB). Tests change the files between samples.
/// </summary>
internal sealed class PreparedKernelTree : IDisposable
{
    public PreparedKernelTree(int thermalZones = 2, int cpus = 2)
    {
        Root = Directory.CreateTempSubdirectory("devicelab-kernel-tree-").FullName;
        Write("sys/class/power_supply/battery/type", "Battery");
        Write("sys/class/power_supply/usb/type", "USB");
        Write("sys/class/power_supply/usb/online", "0");
        SetBattery(voltageUv: 4_200_000, currentUa: -500_000, chargeUah: 3_000_000, capacityPercent: 80, tempDeciC: 300, status: "Discharging");
        for (var z = 0; z < thermalZones; z++)
        {
            Write($"sys/class/thermal/thermal_zone{z}/type", z == 0 ? "cpu-0-0" : "battery");
            SetZone(z, 35_000);
        }
        for (var c = 0; c < cpus; c++) SetCpuKhz(c, 1_800_000);
        SetMemory(rssKb: 10_000, peakKb: 12_000);
    }

    public string Root { get; }
    public string SysfsRoot => Path.Combine(Root, "sys");
    public string ProcfsRoot => Path.Combine(Root, "proc");
    public string Battery(string file) => Path.Combine(SysfsRoot, "class/power_supply/battery", file);

    public void SetBattery(long voltageUv, long currentUa, long chargeUah, int capacityPercent, int tempDeciC, string status)
    {
        Write("sys/class/power_supply/battery/voltage_now", voltageUv);
        Write("sys/class/power_supply/battery/current_now", currentUa);
        Write("sys/class/power_supply/battery/charge_counter", chargeUah);
        Write("sys/class/power_supply/battery/capacity", capacityPercent);
        Write("sys/class/power_supply/battery/temp", tempDeciC);
        Write("sys/class/power_supply/battery/status", status);
    }

    public void SetBatteryFile(string file, object value) => Write($"sys/class/power_supply/battery/{file}", value);
    public void SetUsbOnline(bool online) => Write("sys/class/power_supply/usb/online", online ? 1 : 0);
    public void SetZone(int zone, long milliC) => Write($"sys/class/thermal/thermal_zone{zone}/temp", milliC);
    public void SetCpuKhz(int cpu, long khz) => Write($"sys/devices/system/cpu/cpu{cpu}/cpufreq/scaling_cur_freq", khz);

    public void SetMemory(long rssKb, long peakKb) =>
        Write("proc/self/status", $"Name:\tdevicelab-agent\nVmPeak:\t  99999 kB\nVmHWM:\t{peakKb,8} kB\nVmRSS:\t{rssKb,8} kB\nThreads:\t4\n");

    /// <summary>Where the agent resets the peak; the tree has none until <see cref="AddClearRefs"/> (like a kernel that refuses it).</summary>
    public string ClearRefs => Path.Combine(ProcfsRoot, "self/clear_refs");

    public void AddClearRefs() => File.WriteAllText(ClearRefs, "");

    public void RemoveStatus() => File.Delete(Path.Combine(ProcfsRoot, "self/status"));

    /// <summary>Makes a file unreadable. Tests run as root, which ignores permission bits, so the file becomes a directory (reading it fails like EACCES).</summary>
    public void MakeUnreadable(string relativeToSys)
    {
        var path = Path.Combine(SysfsRoot, relativeToSys);
        File.Delete(path);
        Directory.CreateDirectory(path);
    }

    public void Restore(string relativeToSys, object value)
    {
        var path = Path.Combine(SysfsRoot, relativeToSys);
        if (Directory.Exists(path)) Directory.Delete(path);
        File.WriteAllText(path, Format(value) + "\n");
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private void Write(string relative, object value)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Format(value) + "\n");
    }

    private static string Format(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;
}
