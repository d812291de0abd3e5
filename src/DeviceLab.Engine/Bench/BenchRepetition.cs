namespace DeviceLab.Engine.Bench;

/// <summary>The figures of one repetition.</summary>
/// <param name="TimeToFirstTokenMs">From the start of prefill until the first generated token is sampled.</param>
/// <param name="PrefillMs">Time to run the prompt through the model.</param>
/// <param name="PrefillTokensPerSecond">Prompt tokens ÷ prefill time.</param>
/// <param name="DecodeTokenMs">Latency of every decode step (one token in, the next token sampled).</param>
/// <param name="DecodeTokensPerSecond">Decode steps ÷ total decode time.</param>
/// <param name="PeakRssBytes">Peak resident memory of the process during the repetition (VmHWM), or -1 where the platform cannot say.</param>
public sealed record BenchRepetition(
    double TimeToFirstTokenMs,
    double PrefillMs,
    double PrefillTokensPerSecond,
    double[] DecodeTokenMs,
    double DecodeTokensPerSecond,
    long PeakRssBytes);
