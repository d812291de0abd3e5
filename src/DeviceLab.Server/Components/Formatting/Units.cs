namespace DeviceLab.Server.Components.Formatting;

/// <summary>Units the dashboard shows; <see cref="Bytes"/> and <see cref="Share"/> are converted for display.</summary>
public static class Units
{
    public const string MsPerToken = "ms/token";
    public const string TokensPerSecond = "tokens/s";
    public const string Ms = "ms";
    public const string Seconds = "s";

    /// <summary>Shown as KiB / MiB / GiB (powers of 1024).</summary>
    public const string Bytes = "bytes";
    public const string MiB = "MiB";
    public const string MjPerToken = "mJ/token";
    public const string Celsius = "°C";
    public const string Milliamps = "mA";
    public const string Percent = "%";

    /// <summary>A fraction 0–1, shown as percent.</summary>
    public const string Share = "share";

    /// <summary>KL divergence.</summary>
    public const string Nats = "nats";

    /// <summary>Dimensionless (perplexity).</summary>
    public const string None = "";
}
