using System.Text.Json;
using System.Text.RegularExpressions;

namespace DeviceLab.Core.Results.LlamaBench;

/// <summary>
/// One test of llama.cpp's <c>llama-bench -o json</c> (or <c>-o jsonl</c>): a prompt-processing test (<c>n_prompt</c> &gt; 0,
/// <c>n_gen</c> = 0, "pp512"), a generation test (<c>n_gen</c> &gt; 0, "tg128") or both ("pg"). Only the fields DeviceLab uses
/// are typed; <see cref="Raw"/> keeps the whole object as llama-bench wrote it, so nothing of an import is lost.
/// </summary>
/// <param name="BuildCommit">llama.cpp commit, e.g. <c>8cf427ff</c>.</param>
/// <param name="BuildNumber">llama.cpp build number, e.g. 5163 (release tag b5163).</param>
/// <param name="ModelFilename">The GGUF file llama-bench loaded.</param>
/// <param name="ModelType">llama.cpp's description, e.g. <c>llama 1B Q4_0</c> or <c>qwen2 7B Q4_K - Medium</c>.</param>
/// <param name="ModelSizeBytes"><c>model_size</c>: bytes of the weights.</param>
/// <param name="ModelParameters"><c>model_n_params</c>.</param>
/// <param name="Threads"><c>n_threads</c>.</param>
/// <param name="PromptTokens"><c>n_prompt</c>.</param>
/// <param name="GeneratedTokens"><c>n_gen</c>.</param>
/// <param name="TestTime"><c>test_time</c> (UTC), when the test ran.</param>
/// <param name="SamplesNs">Duration of each repetition, ns (<c>samples_ns</c>).</param>
/// <param name="SamplesTokensPerSecond">Tokens/s of each repetition (<c>samples_ts</c>).</param>
public sealed partial record LlamaBenchTest(
    string BuildCommit,
    int BuildNumber,
    string? CpuInfo,
    string? GpuInfo,
    string? Backends,
    string ModelFilename,
    string ModelType,
    long ModelSizeBytes,
    long ModelParameters,
    int Threads,
    int PromptTokens,
    int GeneratedTokens,
    DateTimeOffset TestTime,
    IReadOnlyList<long> SamplesNs,
    IReadOnlyList<double> SamplesTokensPerSecond,
    JsonElement Raw)
{
    /// <summary>"pp512", "tg128" or "pp512+tg128", as llama-bench's markdown table names tests.</summary>
    public string Name => (PromptTokens, GeneratedTokens) switch
    {
        (> 0, 0) => $"pp{PromptTokens}",
        (0, > 0) => $"tg{GeneratedTokens}",
        _ => $"pp{PromptTokens}+tg{GeneratedTokens}",
    };

    /// <summary>"llama.cpp b5163 (8cf427ff)": the engine label imported results carry.</summary>
    public string EngineLabel => $"llama.cpp b{BuildNumber} ({BuildCommit})";

    /// <summary>The weights' type named in <see cref="ModelType"/>, upper case: "Q4_0" of "llama 1B Q4_0" or "llama 7B mostly Q4_0",
    /// "F16" of "llama 1B F16", "Q4_K" of "qwen2 7B Q4_K - Medium"; null when it names none.</summary>
    public string? QuantName =>
        ModelType.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => QuantWord().IsMatch(w))?.ToUpperInvariant() is { } word
            ? (word.StartsWith("Q4_K", StringComparison.Ordinal) ? "Q4_K" : word)
            : null;

    [GeneratedRegex("^(?i:b?f16|f32|i?q[0-9][a-z0-9_]*)$")]
    private static partial Regex QuantWord();
}
