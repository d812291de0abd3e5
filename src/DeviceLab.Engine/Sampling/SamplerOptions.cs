namespace DeviceLab.Engine.Sampling;

/// <summary>How the next token is chosen from the logits.</summary>
public sealed record SamplerOptions
{
    /// <summary>Softmax temperature; 0 (or less) is greedy: always the most likely token.</summary>
    public float Temperature { get; init; }

    /// <summary>Keep only the K most likely tokens; 0 keeps all.</summary>
    public int TopK { get; init; }

    /// <summary>Keep the smallest set of most likely tokens whose probability reaches P (nucleus); 1 keeps all.</summary>
    public float TopP { get; init; } = 1f;

    /// <summary>Seeds the draws: the same seed and logits give the same tokens.</summary>
    public ulong Seed { get; init; } = 1;

    public static SamplerOptions Greedy { get; } = new();

    /// <summary>Throws when a value is out of range, naming it.</summary>
    public void Validate()
    {
        if (float.IsNaN(Temperature) || float.IsInfinity(Temperature))
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "the temperature must be a finite number (0 for greedy)");
        if (TopK < 0) throw new ArgumentOutOfRangeException(nameof(TopK), TopK, "top-k must be 0 (off) or positive");
        if (!(TopP > 0 && TopP <= 1)) throw new ArgumentOutOfRangeException(nameof(TopP), TopP, "top-p must be in (0, 1]");
    }
}
