using Microsoft.Extensions.Options;

namespace DeviceLab.Server;

/// <summary>
/// The <c>DeviceLab</c> configuration section. The database itself is <c>ConnectionStrings:DeviceLab</c>: when it is
/// set DeviceLab uses that server; when it is empty DeviceLab runs a private PostgreSQL cluster in
/// <see cref="DataDirectory"/> (docs/decisions/0002).
/// </summary>
public sealed class DeviceLabOptions
{
    public const string Section = "DeviceLab";
    public const string ConnectionStringName = "DeviceLab";

    /// <summary>Where DeviceLab keeps its files (local PostgreSQL cluster, artifacts). Environment variable
    /// <c>DEVICELAB_DATA</c> sets it too; default <c>.devicelab</c> in the working folder.</summary>
    public string DataDirectory { get; set; } = Environment.GetEnvironmentVariable(DataDirectoryVariable) ?? "";

    /// <summary>Environment variable for <see cref="DataDirectory"/>; <c>DeviceLab:DataDirectory</c> in configuration wins over it.</summary>
    public const string DataDirectoryVariable = "DEVICELAB_DATA";

    public LabHostOptions LabHost { get; set; } = new();

    public LocalPostgresSettings LocalPostgres { get; set; } = new();

    /// <summary>The data folder as an absolute path.</summary>
    public string DataDirectoryPath => Path.GetFullPath(string.IsNullOrWhiteSpace(DataDirectory) ? ".devicelab" : DataDirectory);
}

/// <summary>This process's lab host.</summary>
public sealed class LabHostOptions
{
    /// <summary>Unique name of this lab host; its Hangfire queue is derived from it. Default: the machine name.</summary>
    public string Name { get; set; } = Environment.MachineName.ToLowerInvariant();

    /// <summary>Hangfire workers of this node; empty for <see cref="DefaultWorkers"/>. Every attempt holds a worker for its
    /// whole length — a networked device's until its agent completes — so a node serving many devices needs at least
    /// one worker per device it should run at once, plus a few for builds and nightly jobs.</summary>
    public int? Workers { get; set; }

    public const int MaxWorkers = 1000;

    /// <summary>ProcessorCount × 4, at least 4 and at most 20 (8 on a 2-core machine).</summary>
    public static int DefaultWorkers => Math.Clamp(Environment.ProcessorCount * 4, 4, 20);

    /// <summary>The workers this node runs.</summary>
    public int WorkerCount => Workers ?? DefaultWorkers;
}

/// <summary>The private cluster used when no connection string is configured.</summary>
public sealed class LocalPostgresSettings
{
    /// <summary>TCP port on 127.0.0.1; 0 (default) picks a free port at every start.</summary>
    public int Port { get; set; }
}

/// <summary>Checks the options when the server starts, so a bad value stops it with a message naming the key.</summary>
internal sealed class DeviceLabOptionsValidation : IValidateOptions<DeviceLabOptions>
{
    public ValidateOptionsResult Validate(string? name, DeviceLabOptions options)
    {
        var failures = new List<string>();
        var port = options.LocalPostgres.Port;
        if (port != 0 && port is < DeviceLab.LocalPostgres.LocalPostgresOptions.MinimumPort or > 65535)
            failures.Add($"DeviceLab:LocalPostgres:Port is {port}: use 0 (pick a free port) or a port in " +
                $"{DeviceLab.LocalPostgres.LocalPostgresOptions.MinimumPort}–65535.");
        if (string.IsNullOrWhiteSpace(options.LabHost.Name))
            failures.Add("DeviceLab:LabHost:Name is empty: give this lab host a name (e.g. the machine's host name).");
        else if (options.LabHost.Name.Length > 100)
            failures.Add($"DeviceLab:LabHost:Name is {options.LabHost.Name.Length} characters long: keep it at most 100.");
        if (options.LabHost.Workers is < 1 or > LabHostOptions.MaxWorkers)
            failures.Add($"DeviceLab:LabHost:Workers is {options.LabHost.Workers}: use 1–{LabHostOptions.MaxWorkers}, or leave it empty for " +
                $"{LabHostOptions.DefaultWorkers} (4 per processor, at most 20).");
        if (options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            failures.Add($"DeviceLab:DataDirectory (or DEVICELAB_DATA) '{options.DataDirectory}' is not a valid folder path.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
