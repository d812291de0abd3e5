namespace DeviceLab.Engine.Tokenizers;

/// <summary>Turns text into token ids and back, as the model's vocabulary defines.</summary>
public interface ITokenizer
{
    /// <summary>Tokens in the vocabulary.</summary>
    int VocabSize { get; }

    /// <summary>Beginning-of-sequence id, or −1 when the vocabulary has none.</summary>
    int Bos { get; }

    /// <summary>End-of-sequence id, or −1 when the vocabulary has none.</summary>
    int Eos { get; }

    /// <summary>Token ids of <paramref name="text"/>, preceded by <see cref="Bos"/> when <paramref name="addBos"/> is set (and the vocabulary has one).</summary>
    int[] Encode(string text, bool addBos);

    /// <summary>The text of a token sequence; control tokens (BOS, EOS) produce nothing. Byte tokens are joined before UTF-8 decoding, so split characters come out whole.</summary>
    string Decode(ReadOnlySpan<int> tokens);

    /// <summary>The raw bytes one token contributes to decoded text (for streaming output); empty for control tokens.</summary>
    byte[] TokenBytes(int id);

    /// <summary>The token's text as stored in the vocabulary ("▁the", "&lt;0x0A&gt;", "Ġworld").</summary>
    string TokenText(int id);
}
