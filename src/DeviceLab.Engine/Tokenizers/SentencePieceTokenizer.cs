using System.Text;
using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Llama;

namespace DeviceLab.Engine.Tokenizers;

/// <summary>
/// SentencePiece-style tokenizer (<c>tokenizer.ggml.model = "llama"</c>), encoding as llama.cpp's SPM
/// tokenizer does: spaces become "▁" (with one "▁" in front when add-space-prefix is on), the text
/// starts as one symbol per character, and the adjacent pair whose concatenation is the
/// highest-scoring vocabulary piece is merged until no pair is a piece (ties: leftmost first).
/// Characters that are not pieces fall back to their UTF-8 bytes as <c>&lt;0xNN&gt;</c> tokens.
/// </summary>
public sealed class SentencePieceTokenizer : ITokenizer
{
    private const char SpaceMark = '▁';

    private readonly TokenVocabulary _vocabulary;
    private readonly int[] _byteTokens = new int[256];
    private readonly int _unknown;

    public SentencePieceTokenizer(TokenVocabulary vocabulary, int bos, int eos, int unknown, bool addSpacePrefix)
    {
        _vocabulary = vocabulary;
        Bos = bos;
        Eos = eos;
        _unknown = unknown;
        AddSpacePrefix = addSpacePrefix;
        for (var b = 0; b < 256; b++)
            _byteTokens[b] = vocabulary.TryGetId($"<0x{b:X2}>", out var id) ? id : unknown;
    }

    public static SentencePieceTokenizer FromMetadata(GgufMetadata metadata)
    {
        var vocabulary = TokenVocabulary.FromMetadata(metadata);
        return new SentencePieceTokenizer(
            vocabulary,
            vocabulary.SpecialId(metadata, LlamaMetadataKeys.BosId, 1),
            vocabulary.SpecialId(metadata, LlamaMetadataKeys.EosId, 2),
            vocabulary.SpecialId(metadata, LlamaMetadataKeys.UnknownId, 0),
            !metadata.TryGetBool(LlamaMetadataKeys.AddSpacePrefix, out var prefix) || prefix);
    }

    public int VocabSize => _vocabulary.Count;

    public int Bos { get; }

    public int Eos { get; }

    /// <summary>Whether a "▁" is put in front of the text (SentencePiece's add_dummy_prefix; on by default).</summary>
    public bool AddSpacePrefix { get; }

    public string TokenText(int id) => _vocabulary.Tokens[id];

    public int[] Encode(string text, bool addBos)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new List<int>(text.Length / 3 + 2);
        if (addBos && Bos >= 0) output.Add(Bos);
        if (text.Length == 0) return output.ToArray();
        var escaped = ((AddSpacePrefix ? " " : "") + text).Replace(' ', SpaceMark);
        new SentencePieceMerge(_vocabulary, escaped).Run(output, AppendBytes);
        return output.ToArray();
    }

    private void AppendBytes(ReadOnlySpan<char> piece, List<int> output)
    {
        Span<byte> bytes = stackalloc byte[8];
        var count = Encoding.UTF8.GetBytes(piece, bytes);
        for (var i = 0; i < count; i++) output.Add(_byteTokens[bytes[i]]);
    }

    public string Decode(ReadOnlySpan<int> tokens)
    {
        var bytes = new List<byte>(tokens.Length * 4);
        var first = true;
        foreach (var id in tokens)
        {
            var piece = TokenBytes(id);
            if (piece.Length == 0) continue;
            // The space the encoder put in front is not part of the text.
            var skip = first && AddSpacePrefix && piece[0] == (byte)' ' ? 1 : 0;
            first = false;
            for (var i = skip; i < piece.Length; i++) bytes.Add(piece[i]);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public byte[] TokenBytes(int id)
    {
        if ((uint)id >= (uint)VocabSize) throw new ArgumentOutOfRangeException(nameof(id), $"token {id} is outside the vocabulary of {VocabSize}");
        var text = _vocabulary.Tokens[id];
        return _vocabulary.TypeOf(id) switch
        {
            TokenType.Control or TokenType.Unused => [],
            TokenType.Byte when TryParseByteToken(text, out var b) => [b],
            TokenType.Unknown => "▅"u8.ToArray(),
            _ => Encoding.UTF8.GetBytes(text.Replace(SpaceMark, ' ')),
        };
    }

    private static bool TryParseByteToken(string text, out byte value)
    {
        value = 0;
        return text.Length == 6 && text.StartsWith("<0x", StringComparison.Ordinal) && text[5] == '>' &&
               byte.TryParse(text.AsSpan(3, 2), System.Globalization.NumberStyles.HexNumber, null, out value);
    }
}
