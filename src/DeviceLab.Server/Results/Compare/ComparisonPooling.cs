using DeviceLab.Core.Statistics;
using DeviceLab.Server.Results.PeakMemory;

namespace DeviceLab.Server.Results.Compare;

/// <summary>
/// Pools the results of one (device model, variant) into a <see cref="ComparisonRow"/>. Means and standard deviations
/// pool exactly (<see cref="PooledMoments"/>); p50 / p90 come from the single result's summary, or — for several
/// devices — from their token timings (exact again), and are left out rather than guessed when neither exists.
/// </summary>
public static class ComparisonPooling
{
    public static ComparisonRow Pool(IReadOnlyList<ResultSlice> results, RowTokenTimings? timings)
    {
        if (results.Count == 0) throw new ArgumentException("A compare row needs at least one result.", nameof(results));
        var first = results[0];
        var metrics = new Dictionary<string, PooledValue>
        {
            [ResultMetricView.DecodeTokensPerSecond.Key] = Summaries(results, r => r.DecodeTokensPerSecond, timings is null ? null : DecodeSpeeds(timings)),
            [ResultMetricView.DecodeMsPerToken.Key] = Summaries(results, r => r.DecodeMsPerToken, timings?.Repetitions.SelectMany(r => r)),
            [ResultMetricView.PrefillTokensPerSecond.Key] = Summaries(results, r => r.PrefillTokensPerSecond, null),
            [ResultMetricView.TimeToFirstTokenMs.Key] = Summaries(results, r => r.TimeToFirstTokenMs, null),
            [ResultMetricView.PeakMemoryBytes.Key] = PerDevice(results.Select(r => (double?)r.PeakMemoryBytes)),
            [ResultMetricView.EnergyMjPerToken.Key] = Energy(results),
            [ResultMetricView.Perplexity.Key] = PerDevice(results.Select(r => r.Perplexity)),
            [ResultMetricView.KlDivergence.Key] = PerDevice(results.Select(r => r.KlDivergence)),
            [ResultMetricView.Top1Agreement.Key] = PerDevice(results.Select(r => r.Top1Agreement)),
            [ResultMetricView.ThermalMaxC.Key] = Highest(results.Select(r => r.ThermalMaxC)),
            [ResultMetricView.ThrottledShare.Key] = PerDevice(results.Select(r => r.ThrottledShare)),
        };
        return new ComparisonRow(first.DeviceModel, first.VariantId, first.ModelName, first.QuantType, first.Sha256, first.RunId,
            results.Max(r => r.CreatedAt), results.Select(r => r.DeviceId).Distinct().Count(), results.Count,
            results.Any(r => r.IsVirtual), results.Any(r => r.IsSimulated), results.Any(r => r.IsPartial), metrics)
        {
            PeakMemoryMethod = PeakMemoryMethod.Combine(results.Where(r => r.PeakMemoryBytes is not null)
                .Select(r => PeakMemoryMethod.For(r.PeakMemoryMethod, r.TelemetryIntervalMs)).ToList()),
        };
    }

    /// <summary>Decode tokens/s of each repetition: its tokens ÷ their summed latency.</summary>
    public static IEnumerable<double> DecodeSpeeds(RowTokenTimings timings) =>
        timings.Repetitions.Where(r => r.Count > 0 && r.Sum() > 0).Select(r => r.Count / (r.Sum() / 1000.0));

    private static PooledValue Summaries(IReadOnlyList<ResultSlice> results, Func<ResultSlice, SampleSummary?> pick, IEnumerable<double>? raw)
    {
        var summaries = results.Select(pick).OfType<SampleSummary>().ToList();
        if (summaries.Count == 0) return PooledValue.None;
        var pooled = PooledMoments.Of(summaries);
        if (summaries.Count == 1)
            return new PooledValue(pooled.Mean, pooled.StdDev, pooled.Count, summaries[0].P50, summaries[0].P90);
        var values = raw?.ToArray() ?? [];
        if (values.Length == 0)
            return new PooledValue(pooled.Mean, pooled.StdDev, pooled.Count,
                Note: $"pooled over {summaries.Count} results; p50 / p90 need their token timings, which are not stored");
        var exact = SampleSummary.Of(values);
        return new PooledValue(pooled.Mean, pooled.StdDev, pooled.Count, exact.P50, exact.P90, Note: $"pooled over {summaries.Count} results");
    }

    private static PooledValue PerDevice(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().Where(double.IsFinite).ToList();
        if (present.Count == 0) return PooledValue.None;
        var pooled = PooledMoments.OfValues(present);
        return new PooledValue(pooled.Mean, pooled.StdDev, pooled.Count, Note: present.Count > 1 ? $"one value per result, {present.Count} results" : null);
    }

    private static PooledValue Highest(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().Where(double.IsFinite).ToList();
        return present.Count == 0 ? PooledValue.None : new PooledValue(present.Max(), null, present.Count, Note: "highest of the results");
    }

    // Energy counts only where it could be measured; if every figure is invalid, show them greyed with the reason.
    private static PooledValue Energy(IReadOnlyList<ResultSlice> results)
    {
        var measured = results.Where(r => r.EnergyMjPerToken is { } e && double.IsFinite(e)).ToList();
        if (measured.Count == 0) return PooledValue.None;
        var valid = measured.Where(r => r.EnergyValid).ToList();
        var methods = string.Join(", ", measured.Select(r => r.EnergyMethod ?? "unknown method").Distinct());
        if (valid.Count == 0)
        {
            var invalid = PooledMoments.OfValues(measured.Select(r => r.EnergyMjPerToken!.Value));
            return new PooledValue(invalid.Mean, invalid.StdDev, invalid.Count,
                Invalid: "measured while charging or with a counter too coarse for the run", Note: methods);
        }
        var pooled = PooledMoments.OfValues(valid.Select(r => r.EnergyMjPerToken!.Value));
        var left = measured.Count - valid.Count;
        return new PooledValue(pooled.Mean, pooled.StdDev, pooled.Count,
            Note: methods + (left > 0 ? $"; {left} invalid figure(s) left out" : ""));
    }
}
