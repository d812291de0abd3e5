namespace DeviceLab.Engine.Llama;

/// <summary>The canonical GGUF tensor names of the llama architecture.</summary>
public static class LlamaTensorNames
{
    public const string TokenEmbedding = "token_embd.weight";
    public const string OutputNorm = "output_norm.weight";

    /// <summary>The output projection; absent when it is tied to <see cref="TokenEmbedding"/>.</summary>
    public const string Output = "output.weight";

    public static string AttentionNorm(int block) => Block(block, "attn_norm");
    public static string AttentionQuery(int block) => Block(block, "attn_q");
    public static string AttentionKey(int block) => Block(block, "attn_k");
    public static string AttentionValue(int block) => Block(block, "attn_v");
    public static string AttentionOutput(int block) => Block(block, "attn_output");
    public static string FeedForwardNorm(int block) => Block(block, "ffn_norm");
    public static string FeedForwardGate(int block) => Block(block, "ffn_gate");
    public static string FeedForwardUp(int block) => Block(block, "ffn_up");
    public static string FeedForwardDown(int block) => Block(block, "ffn_down");

    /// <summary>"blk.{block}.{part}.weight".</summary>
    public static string Block(int block, string part)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(block);
        return $"blk.{block}.{part}.weight";
    }

    /// <summary>True for normalization weights, which stay F32 in every variant.</summary>
    public static bool IsNorm(string name) =>
        name == OutputNorm || (name.StartsWith("blk.", StringComparison.Ordinal) &&
                               (name.EndsWith(".attn_norm.weight", StringComparison.Ordinal) ||
                                name.EndsWith(".ffn_norm.weight", StringComparison.Ordinal)));
}
