using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Energy;

/// <summary>
/// Energy of one phase from the battery trace: the trapezoid integral of voltage × discharge current when both are
/// available (readings interpolated linearly at the phase edges), otherwise the charge-counter drop × mean voltage.
/// Invalid while charging or on external power, when the readings do not bracket the phase, and when they are not in the
/// units the kernel documents (a phone running inference draws tens of mA at least, at a cell's 2–10 V): a kernel that
/// reports <c>current_now</c> in mA or <c>voltage_now</c> in mV would otherwise give an energy off by a factor of 1,000.
/// </summary>
public static class EnergyEstimator
{
    // 1 mAh = 3.6 C; the smallest charge-counter step Android reports is 1 µAh.
    private const double CoulombsPerMah = 3.6;
    private const double DefaultCounterQuantumMah = 0.001;

    // Plausible means over a benchmark phase, wide on purpose: a phone's SoC under load draws hundreds of mA, and every
    // phone and tablet battery sits between 2 and 10 V. Outside them the figure is a unit mismatch, not a measurement.
    private const double MinPlausibleDrawMa = 10;
    private const double MaxPlausibleDrawMa = 20_000;
    private const double MinPlausibleMv = 2_000;
    private const double MaxPlausibleMv = 10_000;

    public static EnergyEstimate Estimate(ReadOnlySpan<BatteryPoint> trace, double startMs, double endMs, int tokens)
    {
        if (endMs < startMs) throw new ArgumentException($"Phase ends ({endMs} ms) before it starts ({startMs} ms).");
        var first = LastAtOrBefore(trace, startMs);
        var last = FirstAtOrAfter(trace, endMs);
        if (first < 0 || last < 0)
        {
            return Invalid(SampleSource.Unavailable, 0, trace.IsEmpty
                ? "no battery readings"
                : $"battery readings ({trace[0].TMs:0} – {trace[^1].TMs:0} ms) do not bracket the phase ({startMs:0} – {endMs:0} ms)");
        }
        var used = trace[first..(last + 1)];
        var source = SourceOf(used);
        if (source == SampleSource.Unavailable) return Invalid(source, used.Length, "battery readings unavailable");
        foreach (var p in used)
        {
            if (p.Charging is null) return Invalid(source, used.Length, "battery status unknown");
            if (p.Charging.Value) return Invalid(source, used.Length, "battery was charging during the phase");
            if (p.ExternalPower == true) return Invalid(source, used.Length, "external power was connected during the phase: the battery current is not the device's draw");
        }

        var maxGap = MaxGap(used);
        if (All(used, p => p.VoltageMv is not null) && Mean(used, p => p.VoltageMv!.Value) is var mv and (< MinPlausibleMv or > MaxPlausibleMv))
        {
            return Invalid(source, used.Length, $"battery voltage reads {mv:0.###} mV, outside any battery's {MinPlausibleMv / 1000:0}–{MaxPlausibleMv / 1000:0} V: " +
                "the kernel may report voltage_now in another unit than µV");
        }
        string? implausibleCurrent = null;
        if (All(used, p => p.DischargeMa is not null) && Mean(used, p => p.DischargeMa!.Value) is var ma and (< MinPlausibleDrawMa or > MaxPlausibleDrawMa))
        {
            implausibleCurrent = $"battery current reads {ma:0.###} mA while the phase ran, outside a phone's {MinPlausibleDrawMa:0}–{MaxPlausibleDrawMa:0} mA: " +
                "the kernel may report current_now in another unit than µA";
        }
        if (implausibleCurrent is null && All(used, p => p.VoltageMv is not null && p.DischargeMa is not null))
        {
            var joules = PowerIntegral(used, startMs, endMs);
            return new EnergyEstimate(joules, PerToken(joules, tokens), EnergyMethod.PowerIntegral, source, null, maxGap, used.Length, true, null);
        }
        if (All(used, p => p.VoltageMv is not null && p.ChargeCounterMah is not null))
        {
            var dropMah = Lerp(used, startMs, p => p.ChargeCounterMah!.Value) - Lerp(used, endMs, p => p.ChargeCounterMah!.Value);
            var meanVolts = Mean(used, p => p.VoltageMv!.Value) / 1000;
            var resolution = CounterQuantumMah(trace) * CoulombsPerMah * meanVolts;
            if (dropMah <= 0)
            {
                var counterReason = $"charge counter did not drop during the phase (resolution {resolution:0.####} J)";
                return new EnergyEstimate(null, null, EnergyMethod.ChargeCounter, source, resolution, maxGap, used.Length, false,
                    implausibleCurrent is null ? counterReason : $"{implausibleCurrent}; and the {counterReason}");
            }
            var joules = dropMah * CoulombsPerMah * meanVolts;
            return new EnergyEstimate(joules, PerToken(joules, tokens), EnergyMethod.ChargeCounter, source, resolution, maxGap, used.Length, true, null);
        }
        return Invalid(source, used.Length, implausibleCurrent ?? "neither voltage × current nor charge-counter readings cover the phase");
    }

    /// <summary>Summary of one phase's estimates over the repetitions; the statistics cover valid ones only.</summary>
    public static EnergySummary Summarize(IReadOnlyList<EnergyEstimate> estimates)
    {
        var valid = estimates.Where(e => e.Valid && e.Joules is not null).ToList();
        var source = estimates.Any(e => e.Source == SampleSource.Sysfs) ? SampleSource.Sysfs
            : estimates.Any(e => e.Source == SampleSource.Simulated) ? SampleSource.Simulated : SampleSource.Unavailable;
        var firstInvalid = estimates.FirstOrDefault(e => !e.Valid)?.InvalidReason;
        if (valid.Count == 0)
            return new EnergySummary(null, null, EnergyMethod.None, source, null, 0, estimates.Count, false, firstInvalid ?? "no repetitions");
        var method = valid.GroupBy(e => e.Method).OrderByDescending(g => g.Count()).First().Key;
        return new EnergySummary(
            Core.Statistics.SampleSummary.Of(valid.Select(e => e.Joules!.Value)),
            valid.All(e => e.MillijoulesPerToken is not null) ? Core.Statistics.SampleSummary.Of(valid.Select(e => e.MillijoulesPerToken!.Value)) : null,
            method, source, valid.Max(e => e.ResolutionJoules), valid.Count, estimates.Count, true,
            valid.Count < estimates.Count ? $"{estimates.Count - valid.Count} repetition(s) left out: {firstInvalid}" : null);
    }

    private static double PowerIntegral(ReadOnlySpan<BatteryPoint> used, double startMs, double endMs)
    {
        double joules = 0;
        for (var k = 0; k + 1 < used.Length; k++)
        {
            var a = Math.Max(used[k].TMs, startMs);
            var b = Math.Min(used[k + 1].TMs, endMs);
            if (b <= a) continue;
            var pa = Lerp(used, a, Watts);
            var pb = Lerp(used, b, Watts);
            joules += (pa + pb) / 2 * (b - a) / 1000;
        }
        return joules;
    }

    // mV × mA = µW.
    private static double Watts(BatteryPoint p) => p.VoltageMv!.Value * p.DischargeMa!.Value / 1e6;

    private static double Lerp(ReadOnlySpan<BatteryPoint> points, double tMs, Func<BatteryPoint, double> value)
    {
        for (var k = 0; k + 1 < points.Length; k++)
        {
            if (tMs > points[k + 1].TMs) continue;
            var span = points[k + 1].TMs - points[k].TMs;
            if (span <= 0) return value(points[k + 1]);
            var f = Math.Clamp((tMs - points[k].TMs) / span, 0, 1);
            return value(points[k]) + f * (value(points[k + 1]) - value(points[k]));
        }
        return value(points[^1]);
    }

    private static double CounterQuantumMah(ReadOnlySpan<BatteryPoint> trace)
    {
        var quantum = double.MaxValue;
        for (var k = 0; k + 1 < trace.Length; k++)
        {
            if (trace[k].ChargeCounterMah is { } a && trace[k + 1].ChargeCounterMah is { } b && a != b)
                quantum = Math.Min(quantum, Math.Abs(a - b));
        }
        return quantum == double.MaxValue ? DefaultCounterQuantumMah : quantum;
    }

    private static int LastAtOrBefore(ReadOnlySpan<BatteryPoint> trace, double tMs)
    {
        for (var i = trace.Length - 1; i >= 0; i--) if (trace[i].TMs <= tMs) return i;
        return -1;
    }

    private static int FirstAtOrAfter(ReadOnlySpan<BatteryPoint> trace, double tMs)
    {
        for (var i = 0; i < trace.Length; i++) if (trace[i].TMs >= tMs) return i;
        return -1;
    }

    private static SampleSource SourceOf(ReadOnlySpan<BatteryPoint> used)
    {
        var simulated = false;
        foreach (var p in used)
        {
            if (p.Source == SampleSource.Sysfs) return SampleSource.Sysfs;
            simulated |= p.Source == SampleSource.Simulated;
        }
        return simulated ? SampleSource.Simulated : SampleSource.Unavailable;
    }

    private static double MaxGap(ReadOnlySpan<BatteryPoint> used)
    {
        double gap = 0;
        for (var k = 0; k + 1 < used.Length; k++) gap = Math.Max(gap, used[k + 1].TMs - used[k].TMs);
        return gap;
    }

    private static bool All(ReadOnlySpan<BatteryPoint> points, Func<BatteryPoint, bool> predicate)
    {
        foreach (var p in points) if (!predicate(p)) return false;
        return true;
    }

    private static double Mean(ReadOnlySpan<BatteryPoint> points, Func<BatteryPoint, double> value)
    {
        double sum = 0;
        foreach (var p in points) sum += value(p);
        return sum / points.Length;
    }

    private static double? PerToken(double joules, int tokens) => tokens > 0 ? joules * 1000 / tokens : null;

    private static EnergyEstimate Invalid(SampleSource source, int samples, string reason) =>
        new(null, null, EnergyMethod.None, source, null, null, samples, false, reason);
}
