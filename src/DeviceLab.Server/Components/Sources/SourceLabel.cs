namespace DeviceLab.Server.Components.Sources;

/// <summary>
/// A label that says a number did not come from a real phone's real sensors. DeviceLab shows these wherever such
/// numbers appear (tables, charts, exports), so a simulated battery current never passes for a measured one.
/// </summary>
/// <param name="Key">Stable key for styles and tests: <c>virtual</c> or <c>simulated</c>.</param>
/// <param name="Text">What the chip says.</param>
/// <param name="Explanation">The tooltip: what it means for the numbers.</param>
public sealed record SourceLabel(string Key, string Text, string Explanation)
{
    public static SourceLabel Virtual { get; } = new("virtual", "virtual device",
        "Measured on a DeviceLab virtual device (a process on a lab host that speaks ADB), not on a phone: speed and memory are the host's.");

    public static SourceLabel Simulated { get; } = new("simulated", "simulated telemetry",
        "Some telemetry (battery, thermal) was simulated because the device could not report it: energy and thermal figures are not measurements.");

    /// <summary>The labels for a source, in a fixed order; empty for a real device with measured telemetry.</summary>
    public static IReadOnlyList<SourceLabel> For(bool isVirtual, bool isSimulated) =>
        (isVirtual, isSimulated) switch
        {
            (true, true) => [Virtual, Simulated],
            (true, false) => [Virtual],
            (false, true) => [Simulated],
            _ => [],
        };

    /// <summary>Plain text for exports and chart tooltips, e.g. "virtual device, simulated telemetry"; empty when real.</summary>
    public static string Describe(bool isVirtual, bool isSimulated) => string.Join(", ", For(isVirtual, isSimulated).Select(l => l.Text));
}
