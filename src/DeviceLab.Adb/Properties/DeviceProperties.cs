using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace DeviceLab.Adb;

/// <summary>A device's system properties (<c>getprop</c>), with the ones DeviceLab's fingerprint uses by name.</summary>
public sealed class DeviceProperties(IReadOnlyDictionary<string, string> properties) : IReadOnlyDictionary<string, string>
{
    public string? Manufacturer => Get("ro.product.manufacturer");

    public string? Model => Get("ro.product.model");

    public string? DeviceName => Get("ro.product.device");

    /// <summary>The primary ABI, e.g. <c>arm64-v8a</c> or <c>x86_64</c>.</summary>
    public string? Abi => Get("ro.product.cpu.abi");

    public string? BuildFingerprint => Get("ro.build.fingerprint");

    public int? SdkVersion => int.TryParse(Get("ro.build.version.sdk"), out var sdk) ? sdk : null;

    public string? Get(string key) => properties.GetValueOrDefault(key);

    public string this[string key] => properties[key];

    public IEnumerable<string> Keys => properties.Keys;

    public IEnumerable<string> Values => properties.Values;

    public int Count => properties.Count;

    public bool ContainsKey(string key) => properties.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => properties.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
