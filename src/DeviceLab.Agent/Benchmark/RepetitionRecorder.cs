using DeviceLab.Agent.Telemetry;
using DeviceLab.Agent.Telemetry.Simulated;
using DeviceLab.Engine.Bench;

namespace DeviceLab.Agent.Benchmark;

/// <summary>
/// The engine's observer during one repetition. It only stamps times and stores token ids into preallocated
/// arrays (no I/O, no allocation in the decode loop); the events are written after the repetition, so writing
/// them never slows the tokens being timed. At phase edges it nudges the sampler (a wake-up, not a read) and
/// moves the simulated model's load.
/// </summary>
internal sealed class RepetitionRecorder(AgentClock clock, TelemetrySampler sampler, SimulatedPowerModel? simulated, double load, int generatedTokens)
    : IBenchObserver
{
    private readonly int[] _tokenIds = new int[generatedTokens];
    private readonly double[] _tokenMs = new double[generatedTokens];

    public double? PrefillStartMs { get; private set; }
    public double? PrefillEndMs { get; private set; }
    public double? DecodeStartMs { get; private set; }
    public double? DecodeEndMs { get; private set; }
    public int TokensSeen { get; private set; }
    public ReadOnlySpan<int> TokenIds => _tokenIds.AsSpan(0, TokensSeen);
    public ReadOnlySpan<double> TokenMs => _tokenMs.AsSpan(0, TokensSeen);

    public void OnPhase(BenchPhase phase, bool started)
    {
        var now = clock.NowMs;
        switch (phase)
        {
            case BenchPhase.Prefill when started: PrefillStartMs = now; break;
            case BenchPhase.Prefill: PrefillEndMs = now; break;
            case BenchPhase.Decode when started: DecodeStartMs = now; break;
            default: DecodeEndMs = now; break;
        }
        simulated?.SetLoad(started ? load : 0);
        sampler.RequestSample();
    }

    public void OnToken(int index, int tokenId, double latencyMs)
    {
        if ((uint)index >= (uint)_tokenIds.Length) return;
        _tokenIds[index] = tokenId;
        _tokenMs[index] = latencyMs;
        TokensSeen = Math.Max(TokensSeen, index + 1);
    }
}
