namespace DeviceLab.Engine.Tokenizers;

/// <summary>
/// One run of the score-driven pair merging over a text (llama.cpp's llm_tokenizer_spm):
/// a doubly linked list of symbols and a queue of candidate pairs ordered by the merged piece's
/// score, then by position. A queued pair whose symbols changed since is skipped when popped.
/// </summary>
internal sealed class SentencePieceMerge
{
    private struct Symbol
    {
        public int Start;
        public int Length;
        public int Previous;
        public int Next;
    }

    private readonly TokenVocabulary _vocabulary;
    private readonly string _text;
    private readonly Symbol[] _symbols;
    private readonly PriorityQueue<(int Left, int Right, int Length), (float NegativeScore, int Left)> _queue = new();

    public SentencePieceMerge(TokenVocabulary vocabulary, string text)
    {
        _vocabulary = vocabulary;
        _text = text;
        var symbols = new List<Symbol>(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var length = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            symbols.Add(new Symbol { Start = i, Length = length, Previous = symbols.Count - 1, Next = -1 });
            i += length;
        }
        _symbols = symbols.ToArray();
        for (var s = 0; s < _symbols.Length - 1; s++) _symbols[s].Next = s + 1;
    }

    public void Run(List<int> output, Action<ReadOnlySpan<char>, List<int>> appendBytes)
    {
        for (var s = 1; s < _symbols.Length; s++) TryAddPair(s - 1, s);
        while (_queue.TryDequeue(out var pair, out _))
        {
            ref var left = ref _symbols[pair.Left];
            ref var right = ref _symbols[pair.Right];
            if (left.Length == 0 || right.Length == 0 || left.Length + right.Length != pair.Length) continue;
            left.Length += right.Length;
            right.Length = 0;
            left.Next = right.Next;
            if (right.Next >= 0) _symbols[right.Next].Previous = pair.Left;
            TryAddPair(left.Previous, pair.Left);
            TryAddPair(pair.Left, left.Next);
        }
        for (var s = _symbols.Length == 0 ? -1 : 0; s >= 0; s = _symbols[s].Next)
        {
            var piece = _text.AsSpan(_symbols[s].Start, _symbols[s].Length);
            if (_vocabulary.Lookup.TryGetValue(piece, out var id)) output.Add(id);
            else appendBytes(piece, output);
        }
    }

    private void TryAddPair(int left, int right)
    {
        if (left < 0 || right < 0) return;
        var start = _symbols[left].Start;
        var length = _symbols[left].Length + _symbols[right].Length;
        if (!_vocabulary.Lookup.TryGetValue(_text.AsSpan(start, length), out var id)) return;
        _queue.Enqueue((left, right, length), (-_vocabulary.Scores[id], left));
    }
}
