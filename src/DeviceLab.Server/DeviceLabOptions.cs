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
        if (options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            failures.Add($"DeviceLab:DataDirectory (or DEVICELAB_DATA) '{options.DataDirectory}' is not a valid folder path.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
