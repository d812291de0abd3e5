using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Llama;
using DeviceLab.Engine.Tensors;
using DeviceLab.Engine.Tokenizers;
using Microsoft.Win32.SafeHandles;

namespace DeviceLab.Engine.Import;

/// <summary>
/// Converts a llama2.c checkpoint (+ optional tokenizer.bin) into an F32 llama GGUF file. Weights are
/// copied in bounded chunks straight from the checkpoint; wq/wk rows go in unpermuted because
/// llama2.c's RoPE already rotates adjacent pairs like GGUF's llama mode. w1 is the gate, w3 the
/// up and w2 the down projection.
/// </summary>
public static class Llama2cImporter
{
    private const int CopyChunkBytes = 1 << 22;

    /// <summary>Imports the checkpoint; returns the header it read.</summary>
    /// <exception cref="InvalidDataException">A malformed checkpoint or tokenizer file.</exception>
    public static Llama2cHeader Import(string checkpointPath, string? tokenizerPath, string outputPath,
        Action<GgufWriteProgress>? progress = null)
    {
        using var handle = File.OpenHandle(checkpointPath, FileMode.Open, FileAccess.Read);
        var fileBytes = RandomAccess.GetLength(handle);
        var headerBytes = new byte[Llama2cHeader.Bytes];
        RandomAccess.Read(handle, headerBytes, 0);
        var header = Llama2cHeader.Read(headerBytes, fileBytes);
        if (tokenizerPath is null && header.VocabSize < LlamaVocabulary.ByteLevelMinimumSize)
            throw new InvalidDataException(
                $"vocab size {header.VocabSize} is too small for a byte-level vocabulary (needs at least {LlamaVocabulary.ByteLevelMinimumSize}); pass the model's tokenizer file");
        var vocabulary = tokenizerPath is null
            ? LlamaVocabulary.ByteLevel(header.VocabSize)
            : Llama2cTokenizerFile.Read(tokenizerPath, header.VocabSize);

        var layout = Layout(header);
        var metadata = Metadata(header, vocabulary, Path.GetFileName(checkpointPath));
        var specs = layout.Select(t => new GgufTensorSpec(t.Name, GgmlType.F32, t.Dimensions)).ToList();
        var total = specs.Sum(s => s.ByteSize);
        long done = 0;
        using var writer = GgufWriter.Create(outputPath, metadata, specs);
        var buffer = new byte[CopyChunkBytes];
        for (var i = 0; i < layout.Count; i++)
        {
            Copy(handle, layout[i].FileOffset, specs[i].ByteSize, writer, buffer);
            done += specs[i].ByteSize;
            progress?.Invoke(new GgufWriteProgress(specs[i].Name, i + 1, layout.Count, done, total));
        }
        writer.Complete();
        return header;
    }

    private sealed record Source(string Name, long[] Dimensions, long FileOffset);

    /// <summary>Each GGUF tensor and where its floats start in the checkpoint.</summary>
    private static List<Source> Layout(Llama2cHeader h)
    {
        long d = h.Dim, hid = h.HiddenDim, kv = h.KvDim, v = h.VocabSize;
        long offset = Llama2cHeader.Bytes;
        long Take(long floats)
        {
            var start = offset;
            offset += floats * sizeof(float);
            return start;
        }

        var embedding = Take(v * d);
        var attentionNorm = Take(h.Layers * d);
        var wq = Take(h.Layers * d * d);
        var wk = Take(h.Layers * d * kv);
        var wv = Take(h.Layers * d * kv);
        var wo = Take(h.Layers * d * d);
        var ffnNorm = Take(h.Layers * d);
        var w1 = Take(h.Layers * d * hid);
        var w2 = Take(h.Layers * hid * d);
        var w3 = Take(h.Layers * d * hid);
        var finalNorm = Take(d);
        Take((long)h.SeqLen * h.HeadSize); // the two legacy RoPE tables, seq_len × head_size/2 each
        var classifier = h.SharedClassifier ? -1 : Take(v * d);

        var list = new List<Source>
        {
            new(LlamaTensorNames.TokenEmbedding, [d, v], embedding),
            new(LlamaTensorNames.OutputNorm, [d], finalNorm),
        };
        if (!h.SharedClassifier) list.Add(new(LlamaTensorNames.Output, [d, v], classifier));
        for (var l = 0; l < h.Layers; l++)
        {
            const int F = sizeof(float);
            list.Add(new(LlamaTensorNames.AttentionNorm(l), [d], attentionNorm + l * d * F));
            list.Add(new(LlamaTensorNames.AttentionQuery(l), [d, d], wq + l * d * d * F));
            list.Add(new(LlamaTensorNames.AttentionKey(l), [d, kv], wk + l * d * kv * F));
            list.Add(new(LlamaTensorNames.AttentionValue(l), [d, kv], wv + l * d * kv * F));
            list.Add(new(LlamaTensorNames.AttentionOutput(l), [d, d], wo + l * d * d * F));
            list.Add(new(LlamaTensorNames.FeedForwardNorm(l), [d], ffnNorm + l * d * F));
            list.Add(new(LlamaTensorNames.FeedForwardGate(l), [d, hid], w1 + l * d * hid * F));
            list.Add(new(LlamaTensorNames.FeedForwardUp(l), [d, hid], w3 + l * d * hid * F));
            list.Add(new(LlamaTensorNames.FeedForwardDown(l), [hid, d], w2 + l * hid * d * F));
        }
        return list;
    }

    private static GgufMetadata Metadata(Llama2cHeader h, LlamaVocabulary vocabulary, string sourceName)
    {
        var m = new GgufMetadata();
        m.Add(LlamaMetadataKeys.Architecture, GgufValue.String("llama"));
        m.Add(LlamaMetadataKeys.Name, GgufValue.String($"llama2.c {sourceName}"));
        m.Add(LlamaMetadataKeys.FileType, GgufValue.UInt32(0));
        m.Add(LlamaMetadataKeys.ContextLength, GgufValue.UInt32((uint)h.SeqLen));
        m.Add(LlamaMetadataKeys.EmbeddingLength, GgufValue.UInt32((uint)h.Dim));
        m.Add(LlamaMetadataKeys.BlockCount, GgufValue.UInt32((uint)h.Layers));
        m.Add(LlamaMetadataKeys.FeedForwardLength, GgufValue.UInt32((uint)h.HiddenDim));
        m.Add(LlamaMetadataKeys.RopeDimensionCount, GgufValue.UInt32((uint)h.HeadSize));
        m.Add(LlamaMetadataKeys.HeadCount, GgufValue.UInt32((uint)h.Heads));
        m.Add(LlamaMetadataKeys.HeadCountKv, GgufValue.UInt32((uint)h.KvHeads));
        // llama2.c's run.c normalizes with 1e-5 and rotates with base 10000.
        m.Add(LlamaMetadataKeys.RmsEpsilon, GgufValue.Float32(1e-5f));
        m.Add(LlamaMetadataKeys.RopeFreqBase, GgufValue.Float32(10000f));
        m.Add(LlamaMetadataKeys.TokenizerModel, GgufValue.String("llama"));
        m.Add(LlamaMetadataKeys.Tokens, GgufValue.Array(vocabulary.Tokens));
        m.Add(LlamaMetadataKeys.Scores, GgufValue.Array(vocabulary.Scores));
        m.Add(LlamaMetadataKeys.TokenTypes, GgufValue.Array(vocabulary.TokenTypes));
        m.Add(LlamaMetadataKeys.BosId, GgufValue.UInt32(1));
        m.Add(LlamaMetadataKeys.EosId, GgufValue.UInt32(2));
        m.Add(LlamaMetadataKeys.UnknownId, GgufValue.UInt32(0));
        m.Add(LlamaMetadataKeys.AddBos, GgufValue.Bool(true));
        m.Add(LlamaMetadataKeys.AddEos, GgufValue.Bool(false));
        m.Add("devicelab.import.source", GgufValue.String($"llama2.c:{sourceName}"));
        return m;
    }

    private static void Copy(SafeFileHandle handle, long offset, long bytes, GgufWriter writer, byte[] buffer)
    {
        for (long copied = 0; copied < bytes;)
        {
            var want = (int)Math.Min(buffer.Length, bytes - copied);
            var read = RandomAccess.Read(handle, buffer.AsSpan(0, want), offset + copied);
            if (read <= 0) throw new InvalidDataException($"llama2.c checkpoint ended early at byte {offset + copied:N0}");
            writer.WriteTensorData(buffer.AsSpan(0, read));
            copied += read;
        }
    }
}
