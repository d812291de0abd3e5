using System.Globalization;
using System.Reflection;

namespace DeviceLab.VirtualDevice.Properties;

/// <summary>
/// The properties a virtual device answers to <c>getprop</c> and puts in its CNXN banner. They name
/// it as what it is: manufacturer DeviceLab, model Virtual Device, <c>devicelab.virtual=1</c>, the
/// host's real ABI, cores and memory.
/// </summary>
internal static class DeviceProperties
{
    public const string Manufacturer = "DeviceLab";
    public const string Model = "Virtual Device";
    public const string DefaultName = "devicelab_virtual";
    public const string VirtualKey = "devicelab.virtual";

    /// <summary>Keys an override may not change: a virtual device always says it is one.</summary>
    private static readonly string[] Fixed = [VirtualKey, "ro.product.manufacturer"];

    /// <summary>Keys that travel in the CNXN banner, where ';' and '=' are separators.</summary>
    internal static readonly string[] BannerKeys = ["ro.product.name", "ro.product.model", "ro.product.device"];

    public static SortedDictionary<string, string> Build(VirtualDeviceOptions options, int port, HostHardware host)
    {
        var name = options.Name ?? DefaultName;
        var serial = options.Serial ?? $"devicelab-virtual-{port}";
        var cores = options.Cores ?? CoreSet.Parse($"0-{Environment.ProcessorCount - 1}");
        var version = typeof(DeviceProperties).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";
        const string release = "14", sdk = "34", buildId = "DEVICELAB", buildType = "userdebug", tags = "release-keys";

        var properties = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["ro.product.manufacturer"] = Manufacturer,
            ["ro.product.brand"] = Manufacturer,
            ["ro.product.model"] = Model,
            ["ro.product.name"] = name,
            ["ro.product.device"] = name,
            ["ro.product.board"] = "virtual",
            ["ro.product.cpu.abi"] = host.Abi,
            ["ro.product.cpu.abilist"] = host.Abi,
            ["ro.serialno"] = serial,
            ["ro.boot.serialno"] = serial,
            ["ro.build.version.release"] = release,
            ["ro.build.version.sdk"] = sdk,
            ["ro.build.version.incremental"] = version,
            ["ro.build.id"] = buildId,
            ["ro.build.type"] = buildType,
            ["ro.build.tags"] = tags,
            ["ro.build.fingerprint"] = $"{Manufacturer}/{name}/{name}:{release}/{buildId}/{version}:{buildType}/{tags}",
            ["ro.hardware"] = host.Hardware,
            ["ro.soc.manufacturer"] = host.CpuVendor,
            ["ro.soc.model"] = host.CpuModel,
            ["ro.debuggable"] = "1",
            ["ro.secure"] = "0",
            ["sys.boot_completed"] = "1",
            ["dev.bootcomplete"] = "1",
            [VirtualKey] = "1",
            ["devicelab.cpu.cores"] = cores.Count.ToString(CultureInfo.InvariantCulture),
            ["devicelab.cpu.list"] = cores.ToString(),
            ["devicelab.memory.total_bytes"] = host.TotalMemoryBytes.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in options.Properties ?? new Dictionary<string, string>())
        {
            Validate(key, value);
            properties[key] = value;
        }
        return properties;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the property when an override is not allowed.</summary>
    internal static void Validate(string key, string value)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Any(c => char.IsWhiteSpace(c) || c is '=' or '[' or ']'))
            throw new ArgumentException($"property name '{key}' is not valid: it must be non-empty, without spaces, '=', '[' or ']'");
        if (value.Any(c => c is '\n' or '\r' or '\0'))
            throw new ArgumentException($"property '{key}' has a line break or NUL in its value");
        if (Fixed.Contains(key))
            throw new ArgumentException($"property '{key}' cannot be overridden: a virtual device always reports itself as virtual");
        if (BannerKeys.Contains(key) && value.Any(c => c is ';' or '=' or ','))
            throw new ArgumentException($"property '{key}' travels in the connection banner and cannot contain ';', '=' or ','");
    }
}
