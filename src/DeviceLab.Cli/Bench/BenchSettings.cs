namespace DeviceLab.Cli.Bench;

/// <summary>What one bench invocation measures.</summary>
internal sealed record BenchSettings(int PromptTokens, int GeneratedTokens, int Repetitions, int Warmups)
{
    public void Validate()
    {
        if (PromptTokens < 1) throw new ArgumentException($"--prompt must be at least 1 token, got {PromptTokens}");
        if (GeneratedTokens < 1) throw new ArgumentException($"--gen must be at least 1 token, got {GeneratedTokens}");
        if (Repetitions < 1) throw new ArgumentException($"--reps must be at least 1, got {Repetitions}");
        if (Warmups < 0) throw new ArgumentException($"--warmups cannot be negative, got {Warmups}");
    }
}
