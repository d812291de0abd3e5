namespace DeviceLab.Core.Live;

/// <summary>Per-token decode latencies of one run job attempt, as they were stored.</summary>
/// <param name="RunId">The run.</param>
/// <param name="RunJobId">The job.</param>
/// <param name="Attempt">The attempt.</param>
/// <param name="DeviceId">The device measured.</param>
/// <param name="Tokens">The timings (one measured repetition's tokens arrive together, after the repetition).</param>
/// <param name="ReceivedAt">When the server read the newest of them from the agent (UTC).</param>
public sealed record TokenTimingBatch(long RunId, long RunJobId, int Attempt, long DeviceId, IReadOnlyList<TokenPoint> Tokens, DateTimeOffset ReceivedAt);

/// <summary>One decoded token's latency.</summary>
/// <param name="VariantId">The variant decoding.</param>
/// <param name="Repetition">0-based measured repetition.</param>
/// <param name="TokenIndex">0-based token position in the repetition.</param>
/// <param name="Ms">Latency, ms.</param>
public sealed record TokenPoint(long VariantId, int Repetition, int TokenIndex, double Ms);
