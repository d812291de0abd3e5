namespace DeviceLab.Engine.Tokenizers;

/// <summary>Token types as <c>tokenizer.ggml.token_type</c> numbers them (llama.cpp's).</summary>
public enum TokenType
{
    Undefined = 0,
    Normal = 1,
    Unknown = 2,
    Control = 3,
    UserDefined = 4,
    Unused = 5,
    Byte = 6,
}
