namespace DeviceLab.Server.Components.Charts;

/// <summary>A labelled position on an axis, in pixels.</summary>
public readonly record struct AxisTick(double Pixel, string Label)
{
    public static IReadOnlyList<AxisTick> Of(LinearScale scale) => scale.Ticks.Select(t => new AxisTick(scale.Map(t), scale.Label(t))).ToArray();
}
