namespace DeviceLab.Core.Live;

/// <summary>A benchmark phase (prefill or decode) of one repetition started or ended on the device; dashboards shade charts with these.</summary>
/// <param name="RunId">The run.</param>
/// <param name="RunJobId">The job.</param>
/// <param name="Attempt">The attempt.</param>
/// <param name="VariantId">The variant.</param>
/// <param name="Repetition">0-based repetition (warm-ups count separately).</param>
/// <param name="Warmup">A warm-up repetition (not measured).</param>
/// <param name="Phase"><c>prefill</c> or <c>decode</c>.</param>
/// <param name="Edge"><c>start</c> or <c>end</c>.</param>
/// <param name="OffsetMs">Milliseconds since the attempt's agent started, on the same clock as telemetry samples.</param>
public sealed record AgentPhaseMark(
    long RunId, long RunJobId, int Attempt, long VariantId, int Repetition, bool Warmup, string Phase, string Edge, double OffsetMs);
