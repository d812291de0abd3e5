using System.Text;

namespace DeviceLab.Engine.Tests.Import;

/// <summary>A small llama2.c checkpoint with random weights, kept per tensor so tests can compare.</summary>
internal sealed class Llama2cCheckpoint
{
    public int Dim = 8, Hidden = 16, Layers = 2, Heads = 2, KvHeads = 1, Vocab = 300, SeqLen = 4;
    public bool Shared = true;

    public float[] Embedding = [], FinalNorm = [], Classifier = [];
    public float[][] AttentionNorm = [], Wq = [], Wk = [], Wv = [], Wo = [], FfnNorm = [], W1 = [], W2 = [], W3 = [];

    public byte[] ToBytes(int seed = 1)
    {
        var random = new Random(seed);
        float[] Make(long n) => Enumerable.Range(0, (int)n).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        float[][] PerLayer(long n) => Enumerable.Range(0, Layers).Select(_ => Make(n)).ToArray();
        var headSize = Dim / Heads;
        var kvDim = KvHeads * headSize;
        Embedding = Make(Vocab * Dim);
        AttentionNorm = PerLayer(Dim);
        Wq = PerLayer(Dim * Dim);
        Wk = PerLayer(Dim * kvDim);
        Wv = PerLayer(Dim * kvDim);
        Wo = PerLayer(Dim * Dim);
        FfnNorm = PerLayer(Dim);
        W1 = PerLayer(Dim * Hidden);
        W2 = PerLayer(Hidden * Dim);
        W3 = PerLayer(Dim * Hidden);
        FinalNorm = Make(Dim);
        var rope = Make(SeqLen * headSize); // both legacy tables
        Classifier = Shared ? [] : Make(Vocab * Dim);

        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        foreach (var v in new[] { Dim, Hidden, Layers, Heads, KvHeads, Shared ? Vocab : -Vocab, SeqLen }) w.Write(v);
        void Put(float[] values) { foreach (var v in values) w.Write(v); }
        Put(Embedding);
        foreach (var group in new[] { AttentionNorm, Wq, Wk, Wv, Wo, FfnNorm, W1, W2, W3 })
            foreach (var layer in group) Put(layer);
        Put(FinalNorm);
        Put(rope);
        Put(Classifier);
        w.Flush();
        return stream.ToArray();
    }

    /// <summary>A tokenizer.bin as llama2.c's export writes it: spaces instead of ▁, BOS/EOS wrapped in newlines.</summary>
    public byte[] TokenizerBytes()
    {
        var pieces = new List<string> { "<unk>", "\n<s>\n", "\n</s>\n" };
        pieces.AddRange(Enumerable.Range(0, 256).Select(b => $"<0x{b:X2}>"));
        string[] words = [" ", "a", "b", "c", " a", " b", " the", "th", "he", " t", " th", "e", "t", "h", "ab", " ab"];
        pieces.AddRange(words);
        while (pieces.Count < Vocab) pieces.Add($"x{pieces.Count}");
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write(pieces.Max(p => Encoding.UTF8.GetByteCount(p)));
        for (var i = 0; i < Vocab; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(pieces[i]);
            w.Write(i < 259 ? 0f : -(i - 259f));
            w.Write(bytes.Length);
            w.Write(bytes);
        }
        w.Flush();
        return stream.ToArray();
    }
}
