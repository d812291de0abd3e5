namespace DeviceLab.Adb;

/// <summary>The feature words a device (or the server) advertises, e.g. <c>shell_v2</c>, <c>stat_v2</c>, <c>ls_v2</c>.</summary>
public sealed class AdbFeatureSet
{
    public const string ShellV2 = "shell_v2";
    public const string StatV2 = "stat_v2";
    public const string ListV2 = "ls_v2";

    private readonly HashSet<string> _features;

    public AdbFeatureSet(IEnumerable<string> features) => _features = new HashSet<string>(features, StringComparer.Ordinal);

    public IReadOnlySet<string> All => _features;

    public bool Has(string feature) => _features.Contains(feature);

    /// <summary>Parses the comma-separated list adb sends.</summary>
    public static AdbFeatureSet Parse(string text) =>
        new(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public override string ToString() => string.Join(',', _features.Order(StringComparer.Ordinal));
}
