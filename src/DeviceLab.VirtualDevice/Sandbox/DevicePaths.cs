namespace DeviceLab.VirtualDevice.Sandbox;

/// <summary>
/// The device's file system as the host sees it: <c>/data/local/tmp</c> (and everything below it)
/// is the sandbox folder; its ancestors (<c>/</c>, <c>/data</c>, <c>/data/local</c>) exist as
/// read-only directories; every other device path is outside the device's reach.
/// </summary>
internal sealed partial class DevicePaths
{
    public const string DataLocalTmp = "/data/local/tmp";
    private static readonly string[] Ancestors = ["/", "/data", "/data/local"];

    public DevicePaths(string sandboxFolder)
    {
        SandboxFolder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sandboxFolder));
    }

    /// <summary>The absolute host folder that is <c>/data/local/tmp</c> on the device.</summary>
    public string SandboxFolder { get; }

    /// <summary>Where a device path lives on the host, after resolving <c>.</c> and <c>..</c>.</summary>
    public MappedPath Map(string devicePath)
    {
        if (!devicePath.StartsWith('/'))
            return MappedPath.Outside(devicePath, $"'{devicePath}' is not an absolute device path");
        var normalized = Normalize(devicePath);
        if (normalized == DataLocalTmp)
            return new MappedPath(normalized, MappedPathKind.Sandbox, SandboxFolder, null);
        if (normalized.StartsWith(DataLocalTmp + "/", StringComparison.Ordinal))
            return new MappedPath(normalized, MappedPathKind.Sandbox, SandboxFolder + normalized[DataLocalTmp.Length..], null);
        if (Array.IndexOf(Ancestors, normalized) >= 0)
            return new MappedPath(normalized, MappedPathKind.Ancestor, null, null);
        return MappedPath.Outside(normalized, $"'{normalized}' is outside the virtual device's storage (only {DataLocalTmp} exists)");
    }

    /// <summary>
    /// Rewrites <c>/data/local/tmp</c> in shell command text to the sandbox folder, so device commands
    /// written for a phone (<c>cd /data/local/tmp &amp;&amp; ./agent</c>) run in the sandbox.
    /// </summary>
    public string MapCommand(string commandText) => DataLocalTmpInText().Replace(commandText, SandboxFolder);

    /// <summary>/data/local/tmp as a whole path component (not /data/local/tmp2).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("/data/local/tmp(?![A-Za-z0-9._-])")]
    private static partial System.Text.RegularExpressions.Regex DataLocalTmpInText();

    /// <summary>Resolves <c>.</c>, <c>..</c> and repeated slashes; <c>..</c> never climbs above <c>/</c>.</summary>
    internal static string Normalize(string devicePath)
    {
        var parts = new List<string>();
        foreach (var part in devicePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }
}

internal enum MappedPathKind
{
    /// <summary>Inside <c>/data/local/tmp</c>: a real file or folder in the sandbox.</summary>
    Sandbox,

    /// <summary>A directory above <c>/data/local/tmp</c>: it exists, but nothing can be written there.</summary>
    Ancestor,

    /// <summary>Any other path: it does not exist on this device.</summary>
    Outside,
}

/// <summary>A device path and where it is on the host.</summary>
internal sealed record MappedPath(string DevicePath, MappedPathKind Kind, string? HostPath, string? Problem)
{
    public static MappedPath Outside(string devicePath, string problem) => new(devicePath, MappedPathKind.Outside, null, problem);
}
