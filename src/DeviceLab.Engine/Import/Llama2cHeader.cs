using System.Buffers.Binary;

namespace DeviceLab.Engine.Import;

/// <summary>
/// The 7 × int32 header of a llama2.c (legacy "v0") checkpoint, validated against the file size:
/// dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size (negative when the classifier is
/// stored separately), seq_len.
/// </summary>
public sealed record Llama2cHeader(
    int Dim, int HiddenDim, int Layers, int Heads, int KvHeads, int VocabSize, bool SharedClassifier, int SeqLen)
{
    public const int Bytes = 7 * sizeof(int);

    // The "ak42" magic of llama2.c's later export versions (read as a little-endian int32).
    private const int VersionedExportMagic = 0x616b3432;
    private const int MaxDimension = 1 << 16;
    private const int MaxVocab = 1 << 22;
    private const int MaxLayers = 1024;
    private const int MaxSeqLen = 1 << 20;

    public int HeadSize => Dim / Heads;

    public int KvDim => KvHeads * HeadSize;

    /// <summary>Float32 values the checkpoint holds after the header, including the legacy RoPE tables.</summary>
    public long FloatCount
    {
        get
        {
            long d = Dim, h = HiddenDim, l = Layers, v = VocabSize, kv = KvDim;
            var perLayer = d + d * d + 2 * d * kv + d * d + d + 3 * d * h;
            return v * d + l * perLayer + d + (long)SeqLen * HeadSize + (SharedClassifier ? 0 : v * d);
        }
    }

    public long ExpectedFileBytes => Bytes + FloatCount * sizeof(float);

    /// <exception cref="InvalidDataException">Not a legacy llama2.c checkpoint, absurd sizes, or a size that disagrees with the file.</exception>
    public static Llama2cHeader Read(ReadOnlySpan<byte> header, long fileBytes)
    {
        if (fileBytes < Bytes)
            throw new InvalidDataException($"llama2.c checkpoint is truncated: the header needs {Bytes} bytes, the file has {fileBytes}");
        Span<int> v = stackalloc int[7];
        for (var i = 0; i < 7; i++) v[i] = BinaryPrimitives.ReadInt32LittleEndian(header[(i * 4)..]);
        if (v[0] == VersionedExportMagic)
            throw new InvalidDataException("this is a versioned llama2.c export (magic 'ak42'); only the legacy checkpoint format (7 × int32 header, float32 weights) is supported");

        var h = new Llama2cHeader(v[0], v[1], v[2], v[3], v[4], Math.Abs(v[5]), v[5] > 0, v[6]);
        Check(h.Dim, "dim", 1, MaxDimension);
        Check(h.HiddenDim, "hidden_dim", 1, MaxDimension * 4);
        Check(h.Layers, "n_layers", 1, MaxLayers);
        Check(h.Heads, "n_heads", 1, h.Dim);
        Check(h.KvHeads, "n_kv_heads", 1, h.Heads);
        if (v[5] == int.MinValue) throw new InvalidDataException($"llama2.c header: vocab_size {v[5]} is absurd");
        Check(h.VocabSize, "vocab_size", 1, MaxVocab);
        Check(h.SeqLen, "seq_len", 1, MaxSeqLen);
        if (h.Dim % h.Heads != 0)
            throw new InvalidDataException($"llama2.c header: dim {h.Dim} is not divisible by n_heads {h.Heads}");
        if (h.Heads % h.KvHeads != 0)
            throw new InvalidDataException($"llama2.c header: n_heads {h.Heads} is not divisible by n_kv_heads {h.KvHeads}");
        if (h.HeadSize % 2 != 0)
            throw new InvalidDataException($"llama2.c header: head size {h.HeadSize} is odd; RoPE needs pairs");
        if (fileBytes < h.ExpectedFileBytes)
            throw new InvalidDataException(
                $"llama2.c checkpoint is truncated: its header (dim {h.Dim}, hidden {h.HiddenDim}, {h.Layers} layers, vocab {h.VocabSize}) needs {h.ExpectedFileBytes:N0} bytes, the file has {fileBytes:N0}");
        if (fileBytes > h.ExpectedFileBytes)
            throw new InvalidDataException(
                $"llama2.c checkpoint has {fileBytes - h.ExpectedFileBytes:N0} bytes more than its header describes ({h.ExpectedFileBytes:N0}); wrong header or not a legacy checkpoint");
        return h;
    }

    private static void Check(int value, string name, int min, int max)
    {
        if (value < min || value > max)
            throw new InvalidDataException($"llama2.c header: {name} is {value}; expected {min} to {max}");
    }
}
