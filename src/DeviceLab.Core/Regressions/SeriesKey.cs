namespace DeviceLab.Core.Regressions;

/// <summary>
/// Names one nightly series: a metric of one variant of one model, on one device model, in one suite.
/// Devices of the same model are pooled into one point per night, so a regression is about a device
/// model (e.g. "Pixel 8"), not a single handset.
/// </summary>
/// <param name="Suite">Suite name, e.g. "nightly-decode".</param>
/// <param name="DeviceModel">Device model, e.g. "Pixel 8".</param>
/// <param name="Model">Model name, e.g. "tinyllama-1.1b".</param>
/// <param name="Variant">Quantization variant, e.g. "Q4_0".</param>
/// <param name="Metric">Metric name, e.g. "decode_ms_per_token".</param>
public sealed record SeriesKey(string Suite, string DeviceModel, string Model, string Variant, string Metric)
{
    public string Suite { get; } = Required(Suite, nameof(Suite));
    public string DeviceModel { get; } = Required(DeviceModel, nameof(DeviceModel));
    public string Model { get; } = Required(Model, nameof(Model));
    public string Variant { get; } = Required(Variant, nameof(Variant));
    public string Metric { get; } = Required(Metric, nameof(Metric));

    public override string ToString() => $"{Suite} / {DeviceModel} / {Model} / {Variant} / {Metric}";

    private static string Required(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"A series key needs a {name}; got an empty value.", name) : value;
}
