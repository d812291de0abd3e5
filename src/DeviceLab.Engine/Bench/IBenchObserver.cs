namespace DeviceLab.Engine.Bench;

/// <summary>
/// Sees a repetition while it runs (the agent turns these into phase marks and token timings).
/// Called on the benchmarking thread between measured steps; keep it quick, it is not timed but it delays the next step.
/// </summary>
public interface IBenchObserver
{
    /// <summary>A phase starts (<paramref name="started"/> true) or ends.</summary>
    void OnPhase(BenchPhase phase, bool started);

    /// <summary>Decode step <paramref name="index"/> (0-based) produced <paramref name="tokenId"/> in <paramref name="latencyMs"/>.</summary>
    void OnToken(int index, int tokenId, double latencyMs);
}
