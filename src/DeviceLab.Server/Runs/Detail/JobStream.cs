using DeviceLab.Server.Components.Charts;

namespace DeviceLab.Server.Runs.Detail;

/// <summary>
/// What one job attempt has streamed so far — token latencies, telemetry samples, phase marks — loaded from the database
/// when the page opens and extended by live events while it stays open. Re-delivered items are ignored (keyed like
/// their table rows), a newer attempt replaces the older one's data. Turns itself into chart series.
/// Not thread-safe: the page applies events on its renderer's thread (InvokeAsync).
/// </summary>
public sealed class JobStream(long runJobId, int attempt, IReadOnlyList<long> variantOrder)
{
    /// <summary>Prefill gap in the token chart, in token slots: where one repetition's decode ends and the next begins.</summary>
    public const int PrefillGapTokens = 6;

    private readonly Dictionary<(long Variant, int Repetition, int Index), double> _tokens = [];
    private readonly Dictionary<(int OffsetMs, string Metric), (double Value, string Source)> _samples = [];
    private readonly List<PhaseMark> _phases = [];

    public long RunJobId { get; } = runJobId;
    public int Attempt { get; private set; } = attempt;
    public int TokenCount => _tokens.Count;
    public int SampleCount => _samples.Count;

    /// <summary>Starts over for a newer attempt; returns false (and changes nothing) for an older one.</summary>
    public bool MoveTo(int attempt)
    {
        if (attempt < Attempt) return false;
        if (attempt == Attempt) return true;
        Attempt = attempt;
        _tokens.Clear();
        _samples.Clear();
        _phases.Clear();
        return true;
    }

    /// <returns>How many tokens were new.</returns>
    public int AddTokens(int attempt, IEnumerable<(long VariantId, int Repetition, int TokenIndex, double Ms)> tokens)
    {
        if (!MoveTo(attempt)) return 0;
        var added = 0;
        foreach (var t in tokens)
            if (_tokens.TryAdd((t.VariantId, t.Repetition, t.TokenIndex), t.Ms)) added++;
        return added;
    }

    public int AddSamples(int attempt, IEnumerable<(int OffsetMs, string Metric, double Value, string Source)> samples)
    {
        if (!MoveTo(attempt)) return 0;
        var added = 0;
        foreach (var s in samples)
            if (_samples.TryAdd((s.OffsetMs, s.Metric), (s.Value, s.Source))) added++;
        return added;
    }

    public void AddPhase(int attempt, PhaseMark mark)
    {
        if (MoveTo(attempt) && !_phases.Contains(mark)) _phases.Add(mark);
    }

    /// <summary>Measured repetitions with at least one token, per variant.</summary>
    public int RepetitionsSeen => _tokens.Keys.Select(k => (k.Variant, k.Repetition)).Distinct().Count();

    /// <summary>
    /// Decode latency per token, one line per variant, in the order the agent ran them (repetition by repetition,
    /// variants interleaved). Each repetition is its own stretch; the gap before it is shaded as its prefill.
    /// </summary>
    public (IReadOnlyList<LineSeries> Series, IReadOnlyList<XBand> Prefills) TokenChart(Func<long, string> variantName)
    {
        var points = variantOrder.Concat(_tokens.Keys.Select(k => k.Variant)).Distinct().ToDictionary(v => v, _ => new List<(double, double)>());
        var prefills = new List<XBand>();
        var blocks = _tokens.GroupBy(t => (t.Key.Repetition, t.Key.Variant))
            .OrderBy(g => g.Key.Repetition).ThenBy(g => OrderOf(g.Key.Variant));
        double cursor = 0;
        foreach (var block in blocks)
        {
            var start = cursor + PrefillGapTokens;
            prefills.Add(new XBand(cursor, start, $"prefill before {variantName(block.Key.Variant)} repetition {block.Key.Repetition + 1}"));
            var line = points[block.Key.Variant];
            if (line.Count > 0) line.Add((start, double.NaN)); // break the line between repetitions
            foreach (var token in block.OrderBy(t => t.Key.Index)) line.Add((start + token.Key.Index, token.Value));
            cursor = start + block.Max(t => t.Key.Index) + 1;
        }
        var series = points.Where(p => p.Value.Count > 0).Select(p => new LineSeries(variantName(p.Key), p.Value)).ToList();
        return (series, prefills);
    }

    /// <summary>Telemetry over time (x in seconds since the agent started), one line per metric matching
    /// <paramref name="metric"/> ("thermal.zone" also matches "thermal.zone/…"), scaled by <paramref name="scale"/>;
    /// simulated samples form their own dashed line.</summary>
    public IReadOnlyList<LineSeries> TelemetryChart(IEnumerable<(string Metric, string Label)> metrics, double scale = 1)
    {
        var series = new List<LineSeries>();
        foreach (var (metric, label) in metrics)
        {
            var matching = _samples.Where(s => s.Key.Metric == metric || s.Key.Metric.StartsWith(metric + "/", StringComparison.Ordinal)).ToList();
            foreach (var group in matching.GroupBy(s => s.Value.Source == "simulated"))
            {
                // Several instances (thermal zones): the hottest at each moment.
                var line = group.GroupBy(s => s.Key.OffsetMs).OrderBy(g => g.Key)
                    .Select(g => (g.Key / 1000.0, g.Max(s => s.Value.Value) * scale)).ToList();
                series.Add(new LineSeries(label, line, Dashed: group.Key));
            }
        }
        return series;
    }

    /// <summary>Prefill phases as bands on the telemetry charts' time axis (measured repetitions and warm-ups).</summary>
    public IReadOnlyList<XBand> PrefillBands(Func<long, string> variantName) =>
        _phases.Where(p => p.Phase == "prefill" && p.Edge == "start")
            .Select(start => (start, end: _phases.FirstOrDefault(e => e.Phase == "prefill" && e.Edge == "end" && e.VariantId == start.VariantId
                                                                     && e.Repetition == start.Repetition && e.Warmup == start.Warmup)))
            .Where(p => p.end is not null)
            .Select(p => new XBand(p.start.OffsetMs / 1000.0, p.end!.OffsetMs / 1000.0,
                $"prefill · {variantName(p.start.VariantId)} {(p.start.Warmup ? "warm-up" : "repetition")} {p.start.Repetition + 1}"))
            .ToList();

    public bool HasSimulatedSamples => _samples.Values.Any(s => s.Source == "simulated");

    private int OrderOf(long variant)
    {
        var index = variantOrder.ToList().IndexOf(variant);
        return index < 0 ? int.MaxValue : index;
    }
}

/// <summary>A phase edge of one repetition, at an offset on the agent's clock (ms).</summary>
public sealed record PhaseMark(long VariantId, int Repetition, bool Warmup, string Phase, string Edge, double OffsetMs);
