using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Synthesis;

/// <summary>The named shapes <c>devicelab models synth --shape</c> knows.</summary>
public static class SyntheticShapes
{
    /// <summary>A few hundred kilobytes: for tests.</summary>
    public static SyntheticShape Tiny { get; } = new("tiny", 64, 2, 4, 2, 192, 512, 512, false, 10000f, 1e-5f, GgmlType.F32);

    /// <summary><see cref="Tiny"/> with the output projection tied to the embedding.</summary>
    public static SyntheticShape TinyTied { get; } = Tiny with { Name = "tiny-tied", TiedOutput = true };

    /// <summary>Exactly the SmolLM-135M shape of ENGINE-TARGETS.md (163M parameters, output not tied), so figures compare with llama.cpp's.</summary>
    public static SyntheticShape SmolLm135M { get; } = new("smollm-135m", 576, 30, 9, 3, 1536, 49152, 2048, false, 10000f, 1e-5f, GgmlType.F16);

    /// <summary>
    /// A Qwen2.5-0.5B-like llama (494M parameters: n_embd 896, 24 blocks, 14 heads, 2 kv heads, ff 4864,
    /// vocab 151936, tied output; no attention biases since it is llama-shaped). Context 4096 rather than
    /// 32768 so a KV cache sized from the file's context stays small.
    /// </summary>
    public static SyntheticShape Qwen05B { get; } = new("qwen-0.5b", 896, 24, 14, 2, 4864, 151936, 4096, true, 1000000f, 1e-6f, GgmlType.F16);

    public static IReadOnlyList<SyntheticShape> All { get; } = [Tiny, TinyTied, SmolLm135M, Qwen05B];

    /// <summary>The shape named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static SyntheticShape ByName(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown shape '{name}' (known: {string.Join(", ", All.Select(s => s.Name))})", nameof(name));
}
