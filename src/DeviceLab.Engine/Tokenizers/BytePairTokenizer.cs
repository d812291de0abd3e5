using System.Text;
using System.Text.RegularExpressions;
using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Llama;

namespace DeviceLab.Engine.Tokenizers;

/// <summary>
/// Byte-level BPE (<c>tokenizer.ggml.model = "gpt2"</c>): the text is split by GPT-2's pre-tokenizer
/// pattern, each piece's UTF-8 bytes are mapped to characters (<see cref="ByteToUnicode"/>), and
/// adjacent symbols are merged by <c>tokenizer.ggml.merges</c> rank, lowest first, until no pair has
/// a rank. Decoding maps the characters back to bytes.
/// </summary>
public sealed partial class BytePairTokenizer : ITokenizer
{
    private readonly TokenVocabulary _vocabulary;
    private readonly Dictionary<(string Left, string Right), int> _ranks;
    private readonly int _unknown;

    public BytePairTokenizer(TokenVocabulary vocabulary, IReadOnlyList<string> merges, int bos, int eos, int unknown)
    {
        _vocabulary = vocabulary;
        Bos = bos;
        Eos = eos;
        _unknown = unknown;
        _ranks = new Dictionary<(string, string), int>(merges.Count);
        for (var rank = 0; rank < merges.Count; rank++)
        {
            var merge = merges[rank];
            var split = merge.IndexOf(' ', 1);
            if (split <= 0 || split == merge.Length - 1)
                throw new GgufFormatException($"'{LlamaMetadataKeys.Merges}' entry {rank} (\"{merge}\") is not two pieces separated by a space");
            _ranks.TryAdd((merge[..split], merge[(split + 1)..]), rank);
        }
    }

    public static BytePairTokenizer FromMetadata(GgufMetadata metadata)
    {
        var vocabulary = TokenVocabulary.FromMetadata(metadata);
        return new BytePairTokenizer(
            vocabulary,
            metadata.GetStringArray(LlamaMetadataKeys.Merges),
            vocabulary.SpecialId(metadata, LlamaMetadataKeys.BosId, -1),
            vocabulary.SpecialId(metadata, LlamaMetadataKeys.EosId, -1),
            vocabulary.SpecialId(metadata, LlamaMetadataKeys.UnknownId, -1));
    }

    // GPT-2's pre-tokenizer: contractions, letters, digits, other symbols (each with an optional
    // leading space), and whitespace runs that leave the last space to the following word.
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")]
    private static partial Regex PreTokenizer();

    public int VocabSize => _vocabulary.Count;

    public int Bos { get; }

    public int Eos { get; }

    public string TokenText(int id) => _vocabulary.Tokens[id];

    public int[] Encode(string text, bool addBos)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new List<int>(text.Length / 3 + 2);
        if (addBos && Bos >= 0) output.Add(Bos);
        foreach (var match in PreTokenizer().EnumerateMatches(text))
        {
            var word = ByteToUnicode.Encode(Encoding.UTF8.GetBytes(text.Substring(match.Index, match.Length)));
            foreach (var symbol in Merge(word)) AppendSymbol(symbol, output);
        }
        return output.ToArray();
    }

    private List<string> Merge(string word)
    {
        var symbols = word.Select(c => c.ToString()).ToList();
        while (symbols.Count > 1)
        {
            var best = -1;
            var bestRank = int.MaxValue;
            for (var i = 0; i < symbols.Count - 1; i++)
            {
                if (_ranks.TryGetValue((symbols[i], symbols[i + 1]), out var rank) && rank < bestRank)
                {
                    bestRank = rank;
                    best = i;
                }
            }
            if (best < 0) break;
            // Merge every occurrence of the best pair, left to right, as GPT-2's reference does.
            var (left, right) = (symbols[best], symbols[best + 1]);
            var merged = new List<string>(symbols.Count - 1);
            for (var i = 0; i < symbols.Count; i++)
            {
                if (i < symbols.Count - 1 && symbols[i] == left && symbols[i + 1] == right)
                {
                    merged.Add(left + right);
                    i++;
                }
                else merged.Add(symbols[i]);
            }
            symbols = merged;
        }
        return symbols;
    }

    private void AppendSymbol(string symbol, List<int> output)
    {
        if (_vocabulary.TryGetId(symbol, out var id))
        {
            output.Add(id);
            return;
        }
        // A vocabulary without every single byte character: fall back per character, then to unknown.
        foreach (var c in symbol)
        {
            if (_vocabulary.Lookup.TryGetValue([c], out var single)) output.Add(single);
            else if (_unknown >= 0) output.Add(_unknown);
            else throw new InvalidOperationException($"the vocabulary has no token for byte character '{c}' and no unknown token");
        }
    }

    public string Decode(ReadOnlySpan<int> tokens)
    {
        var bytes = new List<byte>(tokens.Length * 4);
        foreach (var id in tokens) bytes.AddRange(TokenBytes(id));
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public byte[] TokenBytes(int id)
    {
        if ((uint)id >= (uint)VocabSize) throw new ArgumentOutOfRangeException(nameof(id), $"token {id} is outside the vocabulary of {VocabSize}");
        var type = _vocabulary.TypeOf(id);
        if (type is TokenType.Control or TokenType.Unused) return [];
        var text = _vocabulary.Tokens[id];
        if (type == TokenType.UserDefined) return Encoding.UTF8.GetBytes(text);
        var bytes = new List<byte>(text.Length);
        foreach (var c in text)
        {
            if (ByteToUnicode.TryDecode(c, out var b)) bytes.Add(b);
            else bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }
        return bytes.ToArray();
    }
}
