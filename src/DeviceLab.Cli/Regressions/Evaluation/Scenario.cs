namespace DeviceLab.Cli.Regressions.Evaluation;

/// <summary>One cell of the evaluation: a noise model, its coefficient of variation and the injected step.</summary>
/// <param name="Noise">Noise model.</param>
/// <param name="Cv">Coefficient of variation of the Gaussian part, e.g. 0.02.</param>
/// <param name="Step">Relative size of the injected step, e.g. 0.05; 0 for a series without a change.</param>
public sealed record Scenario(NoiseModel Noise, double Cv, double Step)
{
    public string Name => $"{Noise} cv={Cv:0.#%} step={Step:0.#%}";

    /// <summary>A seed for one series of this scenario that depends on the scenario's identity, not its
    /// position in a list, so filtering scenarios or sweeping thresholds replays the very same series.</summary>
    public int SeedFor(int baseSeed, int seriesIndex)
    {
        ulong state = (ulong)(uint)baseSeed;
        foreach (var part in new[] { (ulong)Noise, (ulong)Math.Round(Cv * 1e4), (ulong)Math.Round(Step * 1e4), (ulong)seriesIndex })
        {
            state = Mix(state ^ (part + 0x9E3779B97F4A7C15UL));
        }
        return (int)(state & 0x7FFFFFFF);
    }

    // SplitMix64 finaliser: spreads every input bit over the output.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
