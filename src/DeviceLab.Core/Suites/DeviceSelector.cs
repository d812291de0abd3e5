namespace DeviceLab.Core.Suites;

/// <summary>
/// Which devices a suite runs on: devices carrying every one of <see cref="Tags"/> and, when
/// <see cref="DeviceModels"/> is not empty, whose model is one of them. An empty selector means every device.
/// </summary>
/// <param name="Tags">Pool tags a device must all carry, e.g. <c>pixel-7</c>, <c>android-14</c>.</param>
/// <param name="DeviceModels">Device model names (as the device reports them, e.g. <c>Pixel 7</c>).</param>
public sealed record DeviceSelector(IReadOnlyList<string> Tags, IReadOnlyList<string> DeviceModels)
{
    public static DeviceSelector Everything { get; } = new([], []);
}
