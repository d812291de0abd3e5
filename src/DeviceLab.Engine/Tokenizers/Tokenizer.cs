using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Llama;

namespace DeviceLab.Engine.Tokenizers;

/// <summary>Builds the tokenizer a GGUF file describes.</summary>
public static class Tokenizer
{
    /// <exception cref="GgufFormatException">The tokenizer metadata is missing, inconsistent, or of an unsupported model.</exception>
    public static ITokenizer FromGguf(GgufFile file) => FromMetadata(file.Metadata);

    public static ITokenizer FromMetadata(GgufMetadata metadata)
    {
        var model = metadata.GetString(LlamaMetadataKeys.TokenizerModel);
        return model switch
        {
            "llama" => SentencePieceTokenizer.FromMetadata(metadata),
            "gpt2" => BytePairTokenizer.FromMetadata(metadata),
            _ => throw new GgufFormatException(
                $"tokenizer model '{model}' ('{LlamaMetadataKeys.TokenizerModel}') is not supported (supported: llama, gpt2)"),
        };
    }
}
