using System.Runtime.InteropServices;
using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Llama;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Synthesis;

/// <summary>
/// Writes complete llama GGUF files with random weights: normal(0, 0.02) from a seeded generator,
/// norms 1.0 in F32, matrices in F32 or F16, and a valid SentencePiece-style vocabulary. The same
/// shape and seed always give the same values (F16 files hold the F32 file's values rounded), no
/// matter how many threads generate them.
/// </summary>
public static class SyntheticModel
{
    public const float WeightSigma = 0.02f;

    // Each chunk has its own seed so chunks can be generated in parallel, in any order.
    private const int ChunkElements = 1 << 16;
    private const int ChunksPerBatch = 64;

    /// <summary>Writes the model; returns the file size in bytes.</summary>
    /// <exception cref="ArgumentException">A weight type other than F32 or F16.</exception>
    public static long Write(string path, SyntheticShape shape, ulong seed, GgmlType? weightType = null,
        Action<GgufWriteProgress>? progress = null)
    {
        var type = weightType ?? shape.DefaultWeightType;
        if (type is not (GgmlType.F32 or GgmlType.F16))
            throw new ArgumentException($"synthetic weights are written as f32 or f16, not {GgmlTypes.NameOf(type)}; quantize the file afterwards", nameof(weightType));
        var tensors = TensorSpecs(shape, type);
        var totalBytes = tensors.Sum(t => t.ByteSize);
        using var writer = GgufWriter.Create(path, BuildMetadata(shape, seed, type), tensors);
        long done = 0;
        var batch = new Batch(new float[ChunkElements * ChunksPerBatch], new byte[ChunkElements * ChunksPerBatch * sizeof(float)]);
        for (var i = 0; i < tensors.Count; i++)
        {
            var spec = tensors[i];
            if (LlamaTensorNames.IsNorm(spec.Name)) WriteOnes(writer, spec);
            else WriteNormal(writer, spec, seed, batch);
            done += spec.ByteSize;
            progress?.Invoke(new GgufWriteProgress(spec.Name, i + 1, tensors.Count, done, totalBytes));
        }
        writer.Complete();
        return new FileInfo(path).Length;
    }

    /// <summary>The tensors of a shape, in file order: embedding, output norm, output, then blocks.</summary>
    public static IReadOnlyList<GgufTensorSpec> TensorSpecs(SyntheticShape shape, GgmlType weightType)
    {
        long e = shape.EmbeddingLength, f = shape.FeedForwardLength, kv = shape.KvDimension;
        var specs = new List<GgufTensorSpec>
        {
            new(LlamaTensorNames.TokenEmbedding, weightType, [e, shape.VocabSize]),
            new(LlamaTensorNames.OutputNorm, GgmlType.F32, [e]),
        };
        if (!shape.TiedOutput) specs.Add(new(LlamaTensorNames.Output, weightType, [e, shape.VocabSize]));
        for (var b = 0; b < shape.BlockCount; b++)
        {
            specs.Add(new(LlamaTensorNames.AttentionNorm(b), GgmlType.F32, [e]));
            specs.Add(new(LlamaTensorNames.AttentionQuery(b), weightType, [e, e]));
            specs.Add(new(LlamaTensorNames.AttentionKey(b), weightType, [e, kv]));
            specs.Add(new(LlamaTensorNames.AttentionValue(b), weightType, [e, kv]));
            specs.Add(new(LlamaTensorNames.AttentionOutput(b), weightType, [e, e]));
            specs.Add(new(LlamaTensorNames.FeedForwardNorm(b), GgmlType.F32, [e]));
            specs.Add(new(LlamaTensorNames.FeedForwardGate(b), weightType, [e, f]));
            specs.Add(new(LlamaTensorNames.FeedForwardUp(b), weightType, [e, f]));
            specs.Add(new(LlamaTensorNames.FeedForwardDown(b), weightType, [f, e]));
        }
        return specs;
    }

    /// <summary>Every key llama.cpp needs to load the model, plus where it came from.</summary>
    public static GgufMetadata BuildMetadata(SyntheticShape shape, ulong seed, GgmlType weightType)
    {
        var vocabulary = SyntheticVocabulary.Build(shape.VocabSize);
        var m = new GgufMetadata();
        m.Add(LlamaMetadataKeys.Architecture, GgufValue.String("llama"));
        m.Add(LlamaMetadataKeys.Name, GgufValue.String($"DeviceLab synthetic {shape.Name} (seed {seed})"));
        m.Add(LlamaMetadataKeys.FileType, GgufValue.UInt32(weightType == GgmlType.F16 ? 1u : 0u));
        m.Add(LlamaMetadataKeys.Alignment, GgufValue.UInt32(GgufLimits.DefaultAlignment));
        m.Add(LlamaMetadataKeys.ContextLength, GgufValue.UInt32((uint)shape.ContextLength));
        m.Add(LlamaMetadataKeys.EmbeddingLength, GgufValue.UInt32((uint)shape.EmbeddingLength));
        m.Add(LlamaMetadataKeys.BlockCount, GgufValue.UInt32((uint)shape.BlockCount));
        m.Add(LlamaMetadataKeys.FeedForwardLength, GgufValue.UInt32((uint)shape.FeedForwardLength));
        m.Add(LlamaMetadataKeys.RopeDimensionCount, GgufValue.UInt32((uint)shape.HeadDimension));
        m.Add(LlamaMetadataKeys.HeadCount, GgufValue.UInt32((uint)shape.HeadCount));
        m.Add(LlamaMetadataKeys.HeadCountKv, GgufValue.UInt32((uint)shape.HeadCountKv));
        m.Add(LlamaMetadataKeys.RmsEpsilon, GgufValue.Float32(shape.RmsNormEpsilon));
        m.Add(LlamaMetadataKeys.RopeFreqBase, GgufValue.Float32(shape.RopeFreqBase));
        m.Add(LlamaMetadataKeys.VocabSize, GgufValue.UInt32((uint)shape.VocabSize));
        m.Add(LlamaMetadataKeys.TokenizerModel, GgufValue.String("llama"));
        m.Add(LlamaMetadataKeys.Tokens, GgufValue.Array(vocabulary.Tokens));
        m.Add(LlamaMetadataKeys.Scores, GgufValue.Array(vocabulary.Scores));
        m.Add(LlamaMetadataKeys.TokenTypes, GgufValue.Array(vocabulary.TokenTypes));
        m.Add(LlamaMetadataKeys.BosId, GgufValue.UInt32(SyntheticVocabulary.BosId));
        m.Add(LlamaMetadataKeys.EosId, GgufValue.UInt32(SyntheticVocabulary.EosId));
        m.Add(LlamaMetadataKeys.UnknownId, GgufValue.UInt32(SyntheticVocabulary.UnknownId));
        m.Add(LlamaMetadataKeys.AddBos, GgufValue.Bool(true));
        m.Add(LlamaMetadataKeys.AddEos, GgufValue.Bool(false));
        m.Add("devicelab.synthesis.shape", GgufValue.String(shape.Name));
        m.Add("devicelab.synthesis.seed", GgufValue.UInt64(seed));
        return m;
    }

    /// <summary>The values <see cref="Write"/> puts into elements [start, start+destination.Length) of a weight tensor, as float32.</summary>
    public static void GenerateWeights(string tensorName, ulong seed, long start, Span<float> destination)
    {
        if (start % ChunkElements != 0) throw new ArgumentException($"start must be a multiple of {ChunkElements}", nameof(start));
        for (var offset = 0; offset < destination.Length; offset += ChunkElements)
        {
            var chunk = destination.Slice(offset, Math.Min(ChunkElements, destination.Length - offset));
            new SeededNormal(SeededNormal.ChunkSeed(seed, tensorName, (start + offset) / ChunkElements)).Fill(chunk, WeightSigma);
        }
    }

    private static void WriteOnes(GgufWriter writer, GgufTensorSpec spec)
    {
        var ones = new float[spec.ElementCount];
        Array.Fill(ones, 1f);
        writer.WriteTensorData(MemoryMarshal.AsBytes(ones.AsSpan()));
    }

    /// <summary>Buffers reused across tensors, so the whole model is made with 24 MiB of scratch memory.</summary>
    private sealed record Batch(float[] Values, byte[] Bytes);

    private static void WriteNormal(GgufWriter writer, GgufTensorSpec spec, ulong seed, Batch batch)
    {
        var codec = spec.Type.Codec();
        var bytesPerElement = spec.Type.Traits().BlockBytes;
        var batchElements = batch.Values.Length;
        var (values, bytes) = (batch.Values, batch.Bytes);
        for (long start = 0; start < spec.ElementCount; start += batchElements)
        {
            var count = (int)Math.Min(batchElements, spec.ElementCount - start);
            var chunks = (count + ChunkElements - 1) / ChunkElements;
            Parallel.For(0, chunks, c =>
            {
                var offset = c * ChunkElements;
                var length = Math.Min(ChunkElements, count - offset);
                var chunk = values.AsSpan(offset, length);
                new SeededNormal(SeededNormal.ChunkSeed(seed, spec.Name, (start + offset) / ChunkElements)).Fill(chunk, WeightSigma);
                codec.Quantize(chunk, bytes.AsSpan(offset * bytesPerElement, length * bytesPerElement));
            });
            writer.WriteTensorData(bytes.AsSpan(0, count * bytesPerElement));
        }
    }
}
