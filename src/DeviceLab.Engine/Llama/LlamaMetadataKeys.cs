namespace DeviceLab.Engine.Llama;

/// <summary>GGUF metadata keys of the llama architecture and its tokenizer.</summary>
public static class LlamaMetadataKeys
{
    public const string Architecture = "general.architecture";
    public const string Name = "general.name";
    public const string FileType = "general.file_type";
    public const string QuantizationVersion = "general.quantization_version";
    public const string Alignment = "general.alignment";

    public const string ContextLength = "llama.context_length";
    public const string EmbeddingLength = "llama.embedding_length";
    public const string BlockCount = "llama.block_count";
    public const string FeedForwardLength = "llama.feed_forward_length";
    public const string HeadCount = "llama.attention.head_count";
    public const string HeadCountKv = "llama.attention.head_count_kv";
    public const string RmsEpsilon = "llama.attention.layer_norm_rms_epsilon";
    public const string RopeDimensionCount = "llama.rope.dimension_count";
    public const string RopeFreqBase = "llama.rope.freq_base";
    public const string VocabSize = "llama.vocab_size";

    public const string TokenizerModel = "tokenizer.ggml.model";
    public const string Tokens = "tokenizer.ggml.tokens";
    public const string Scores = "tokenizer.ggml.scores";
    public const string TokenTypes = "tokenizer.ggml.token_type";
    public const string Merges = "tokenizer.ggml.merges";
    public const string BosId = "tokenizer.ggml.bos_token_id";
    public const string EosId = "tokenizer.ggml.eos_token_id";
    public const string UnknownId = "tokenizer.ggml.unknown_token_id";
    public const string PaddingId = "tokenizer.ggml.padding_token_id";
    public const string AddBos = "tokenizer.ggml.add_bos_token";
    public const string AddEos = "tokenizer.ggml.add_eos_token";
    public const string AddSpacePrefix = "tokenizer.ggml.add_space_prefix";
}
