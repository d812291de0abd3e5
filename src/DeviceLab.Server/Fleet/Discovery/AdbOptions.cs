using System.Globalization;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Fleet.Discovery;

/// <summary>How this lab host reaches its ADB devices (<c>DeviceLab:Adb</c>).</summary>
public sealed class AdbOptions
{
    public const string Section = "DeviceLab:Adb";

    /// <summary>Follow the adb server's devices at all (a web-only node sets false).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Port of the adb server's smart socket on 127.0.0.1.</summary>
    public int ServerPort { get; set; } = DeviceLab.Adb.AdbDefaults.ServerPort;

    /// <summary>Start an adb server on <see cref="ServerPort"/> when none answers (owned by DeviceLab, stopped with it).</summary>
    public bool StartServer { get; set; }

    /// <summary>The adb program for <see cref="StartServer"/>; a bare name is looked up on PATH.</summary>
    public string AdbPath { get; set; } = "adb";

    /// <summary>Networked ADB devices (adb over Wi-Fi / TCP) as <c>host:port</c>; connected at start and again whenever they drop.</summary>
    public List<string> ConnectDevices { get; set; } = [];

    /// <summary>How often a dropped networked device is connected again.</summary>
    public int ReconnectIntervalSeconds { get; set; } = 10;

    /// <summary>How often each listed device is probed (the adb server does not notice a dead peer by itself).</summary>
    public int ProbeIntervalMs { get; set; } = 2_000;

    /// <summary>A probe not answered within this is a failure: the device goes offline.</summary>
    public int ProbeTimeoutMs { get; set; } = 3_000;

    /// <summary>Longest pause before following the adb server again after it went away.</summary>
    public int TrackRetryMaxMs { get; set; } = 10_000;

    /// <summary><see cref="ConnectDevices"/> parsed; call after validation.</summary>
    public IReadOnlyList<(string Host, int Port)> NetworkDevices() => ConnectDevices.Select(d => Parse(d)!.Value).ToList();

    internal static (string Host, int Port)? Parse(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || colon == address.Length - 1) return null;
        var host = address[..colon];
        if (host.Any(c => char.IsWhiteSpace(c) || c is ';' or '\0')) return null;
        return int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? (host, port)
            : null;
    }
}

internal sealed class AdbOptionsValidation : IValidateOptions<AdbOptions>
{
    public ValidateOptionsResult Validate(string? name, AdbOptions options)
    {
        var failures = new List<string>();
        if (options.ServerPort is < 1 or > 65535) failures.Add($"{AdbOptions.Section}:ServerPort is {options.ServerPort}: use a TCP port (1–65535).");
        foreach (var device in options.ConnectDevices)
        {
            if (AdbOptions.Parse(device) is null)
                failures.Add($"{AdbOptions.Section}:ConnectDevices has '{device}': write each device as host:port, e.g. 192.168.1.20:5555.");
        }
        if (options.ReconnectIntervalSeconds < 1) failures.Add($"{AdbOptions.Section}:ReconnectIntervalSeconds is {options.ReconnectIntervalSeconds}: use at least 1.");
        if (options.ProbeIntervalMs < 100) failures.Add($"{AdbOptions.Section}:ProbeIntervalMs is {options.ProbeIntervalMs}: use at least 100.");
        if (options.ProbeTimeoutMs < 100) failures.Add($"{AdbOptions.Section}:ProbeTimeoutMs is {options.ProbeTimeoutMs}: use at least 100.");
        if (options.TrackRetryMaxMs < 100) failures.Add($"{AdbOptions.Section}:TrackRetryMaxMs is {options.TrackRetryMaxMs}: use at least 100.");
        if (string.IsNullOrWhiteSpace(options.AdbPath)) failures.Add($"{AdbOptions.Section}:AdbPath is empty: name the adb program.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
