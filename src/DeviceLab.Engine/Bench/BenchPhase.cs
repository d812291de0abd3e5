namespace DeviceLab.Engine.Bench;

/// <summary>The two measured phases of a repetition.</summary>
public enum BenchPhase
{
    /// <summary>The prompt goes through the model in batches; ends when the first token is sampled.</summary>
    Prefill,

    /// <summary>Tokens are generated one at a time.</summary>
    Decode,
}
