using System.Globalization;

namespace DeviceLab.Server.Components.Charts;

/// <summary>
/// Maps a data range onto pixels, with "nice" tick values (1, 2 or 5 × 10ⁿ apart) that cover the data.
/// The domain is widened to the outer ticks, so the axis starts and ends on a labelled value.
/// </summary>
public sealed class LinearScale
{
    /// <param name="min">Smallest data value.</param>
    /// <param name="max">Largest data value.</param>
    /// <param name="rangeStart">Pixel of the domain's start (e.g. the bottom of a y axis).</param>
    /// <param name="rangeEnd">Pixel of the domain's end.</param>
    /// <param name="maxTicks">Most ticks wanted (at least 2).</param>
    /// <param name="includeZero">Widen the domain to include 0 (bar charts).</param>
    public LinearScale(double min, double max, double rangeStart, double rangeEnd, int maxTicks = 6, bool includeZero = false)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) (min, max) = (0, 1);
        if (min > max) (min, max) = (max, min);
        if (includeZero) (min, max) = (Math.Min(min, 0), Math.Max(max, 0));
        if (min == max)
        {
            // One value: a band around it, so the point sits in the middle of the axis.
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (includeZero && min >= 0 ? 0 : min - pad, max + pad);
        }
        Step = NiceStep((max - min) / Math.Max(1, maxTicks - 1));
        DomainMin = Clean(Math.Floor(min / Step + 1e-9) * Step);
        DomainMax = Clean(Math.Ceiling(max / Step - 1e-9) * Step);
        RangeStart = rangeStart;
        RangeEnd = rangeEnd;
        var count = (int)Math.Round((DomainMax - DomainMin) / Step);
        Ticks = Enumerable.Range(0, count + 1).Select(i => Clean(DomainMin + i * Step)).ToArray();
    }

    public double DomainMin { get; }
    public double DomainMax { get; }
    public double RangeStart { get; }
    public double RangeEnd { get; }

    /// <summary>Distance between ticks: 1, 2 or 5 × 10ⁿ.</summary>
    public double Step { get; }

    public IReadOnlyList<double> Ticks { get; }

    /// <summary>Pixel position of <paramref name="value"/>.</summary>
    public double Map(double value) =>
        RangeStart + (value - DomainMin) / (DomainMax - DomainMin) * (RangeEnd - RangeStart);

    /// <summary>A tick label with as many decimals as the step needs ("0.25", "10", "1.5k" never: units stay plain).</summary>
    public string Label(double tick)
    {
        var decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(Step) + 1e-9));
        return tick.ToString("F" + Math.Min(decimals, 6), CultureInfo.InvariantCulture);
    }

    /// <summary>The smallest 1 / 2 / 5 × 10ⁿ at least <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough)) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        var nice = fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2 : fraction <= 5 + 1e-9 ? 5 : 10;
        return nice * power;
    }

    // Exact multiples of the step (decimal arithmetic: 3 × 0.1 is 0.3, not 0.30000000000000004), without "-0".
    private double Clean(double tick)
    {
        if (Math.Abs(tick) > 1e15 || Step < 1e-12) return tick;
        var t = (double)(Math.Round((decimal)(tick / Step)) * (decimal)Step);
        return Math.Abs(t) < Step * 1e-9 ? 0 : t;
    }
}
