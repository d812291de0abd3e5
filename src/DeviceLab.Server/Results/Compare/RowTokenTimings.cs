namespace DeviceLab.Server.Results.Compare;

/// <summary>The decode token latencies behind one compare row, per repetition (a repetition = one result's job,
/// attempt and repetition index), used to pool p50 / p90 exactly across devices.</summary>
/// <param name="Repetitions">Every repetition's token latencies, ms.</param>
public sealed record RowTokenTimings(IReadOnlyList<IReadOnlyList<double>> Repetitions);
