namespace DeviceLab.Core.Suites;

/// <summary>
/// Which devices a suite runs on: devices carrying every one of <see cref="Tags"/> and, when
/// <see cref="DeviceModels"/> is not empty, whose model is one of them. A run needs a selector that names something:
/// an empty one is refused rather than taken as "every device" (docs/decisions/0087).
/// </summary>
/// <param name="Tags">Pool tags a device must all carry, e.g. <c>pixel-7</c>, <c>android-14</c>.</param>
/// <param name="DeviceModels">Device model names (as the device reports them, e.g. <c>Pixel 7</c>).</param>
public sealed record DeviceSelector(IReadOnlyList<string> Tags, IReadOnlyList<string> DeviceModels)
{
    /// <summary>The empty selector: the default of a new suite or run until one is given; runs refuse it.</summary>
    public static DeviceSelector Everything { get; } = new([], []);
}
