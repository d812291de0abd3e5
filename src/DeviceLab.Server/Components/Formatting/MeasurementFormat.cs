using System.Globalization;

namespace DeviceLab.Server.Components.Formatting;

/// <summary>
/// Formats a measured value with its spread the way a lab notebook would: the spread to two significant
/// digits, the value to the same decimal place ("12.3 ± 0.41" becomes "12.30 ± 0.41"), so no digit is shown
/// that the spread says is noise. Without a spread the value keeps three significant digits.
/// Bytes scale to KiB / MiB / GiB, shares (0–1) become percent. Invariant culture: every viewer reads the same digits.
/// </summary>
public static class MeasurementFormat
{
    /// <summary>Most decimals ever shown; smaller spreads are rounded to this.</summary>
    public const int MaxDecimals = 6;

    /// <summary>Shown for a missing or non-finite value.</summary>
    public const string Missing = "—";

    /// <summary>Formats <paramref name="value"/> ± <paramref name="spread"/> in <paramref name="unit"/>.</summary>
    /// <param name="value">The value; null or non-finite gives <see cref="Missing"/>.</param>
    /// <param name="spread">Standard deviation (or another ± spread) in the same unit; null or 0 shows no spread.</param>
    /// <param name="unit">A unit from <see cref="Units"/> or any other text shown as is.</param>
    public static FormattedMeasurement Format(double? value, double? spread, string unit)
    {
        if (value is not { } v || !double.IsFinite(v)) return new FormattedMeasurement(Missing, null, unit);
        var (scaledValue, scaledSpread, shownUnit) = Scale(v, spread is { } s && double.IsFinite(s) && s > 0 ? s : null, unit);
        var decimals = DecimalsFor(scaledValue, scaledSpread);
        return new FormattedMeasurement(
            Number(scaledValue, decimals),
            scaledSpread is { } sp ? Number(sp, decimals) : null,
            shownUnit);
    }

    /// <summary>Decimals for a value with an optional spread: two significant digits of the spread, else three of the value.</summary>
    public static int DecimalsFor(double value, double? spread)
    {
        var decimals = spread is { } s and > 0
            ? 1 - (int)Math.Floor(Math.Log10(s))
            : value == 0 ? 0 : 2 - (int)Math.Floor(Math.Log10(Math.Abs(value)));
        return Math.Clamp(decimals, 0, MaxDecimals);
    }

    /// <summary>A number with exactly <paramref name="decimals"/> decimals, invariant culture, never "-0".</summary>
    public static string Number(double value, int decimals)
    {
        var rounded = Math.Round(value, Math.Clamp(decimals, 0, MaxDecimals), MidpointRounding.AwayFromZero);
        if (rounded == 0) rounded = 0; // drops the sign of -0
        return rounded.ToString("F" + Math.Clamp(decimals, 0, MaxDecimals), CultureInfo.InvariantCulture);
    }

    /// <summary>A relative change, e.g. "+4.2 %" (one decimal, sign always shown).</summary>
    public static string RelativeChange(double fraction) =>
        double.IsFinite(fraction) ? (fraction * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %" : Missing;

    private static (double Value, double? Spread, string Unit) Scale(double value, double? spread, string unit)
    {
        switch (unit)
        {
            case Units.Bytes:
                var magnitude = Math.Abs(value);
                var (factor, name) = magnitude >= 1L << 30 ? (1L << 30, "GiB")
                    : magnitude >= 1L << 20 ? (1L << 20, "MiB")
                    : magnitude >= 1L << 10 ? (1L << 10, "KiB")
                    : (1L, "bytes");
                return (value / factor, spread / factor, name);
            case Units.Share:
                return (value * 100, spread * 100, Units.Percent);
            default:
                return (value, spread, unit);
        }
    }
}
