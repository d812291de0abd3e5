namespace DeviceLab.Server.Components.Formatting;

/// <summary>The parts of a formatted measurement, so a component can style value, spread and unit apart.</summary>
/// <param name="Value">The value's digits, or "—".</param>
/// <param name="Spread">The spread's digits (without "±"), or null when there is none.</param>
/// <param name="Unit">The unit as shown (bytes already scaled to KiB / MiB / GiB); may be empty.</param>
public readonly record struct FormattedMeasurement(string Value, string? Spread, string Unit)
{
    public bool IsMissing => Value == MeasurementFormat.Missing;

    /// <summary>"12.30 ± 0.41 ms/token", "1.5 GiB", "—".</summary>
    public override string ToString() => IsMissing ? Value
        : Value + (Spread is null ? "" : " ± " + Spread) + (Unit.Length == 0 ? "" : " " + Unit);
}
