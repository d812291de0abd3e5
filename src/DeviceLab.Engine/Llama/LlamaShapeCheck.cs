using DeviceLab.Engine.Gguf;

namespace DeviceLab.Engine.Llama;

/// <summary>Checks that every llama tensor exists with the shape the hyperparameters imply.</summary>
internal static class LlamaShapeCheck
{
    public static void Verify(LlamaConfig c, GgufFile file)
    {
        var embedding = file.GetTensor(LlamaTensorNames.TokenEmbedding);
        if (embedding.Dimensions.Length == 2 && embedding.Dimensions[0] == c.EmbeddingLength &&
            embedding.Dimensions[1] != c.VocabSize)
        {
            throw new GgufFormatException(
                $"vocabulary size {c.VocabSize} (from '{LlamaMetadataKeys.Tokens}') disagrees with the token embedding '{LlamaTensorNames.TokenEmbedding}', which has {embedding.Dimensions[1]} rows");
        }
        Expect(file, LlamaTensorNames.TokenEmbedding, c.EmbeddingLength, c.VocabSize);
        Expect(file, LlamaTensorNames.OutputNorm, c.EmbeddingLength);
        if (!c.TiedOutput) Expect(file, LlamaTensorNames.Output, c.EmbeddingLength, c.VocabSize);
        for (var b = 0; b < c.BlockCount; b++)
        {
            Expect(file, LlamaTensorNames.AttentionNorm(b), c.EmbeddingLength);
            Expect(file, LlamaTensorNames.AttentionQuery(b), c.EmbeddingLength, c.EmbeddingLength);
            Expect(file, LlamaTensorNames.AttentionKey(b), c.EmbeddingLength, c.KvDimension);
            Expect(file, LlamaTensorNames.AttentionValue(b), c.EmbeddingLength, c.KvDimension);
            Expect(file, LlamaTensorNames.AttentionOutput(b), c.EmbeddingLength, c.EmbeddingLength);
            Expect(file, LlamaTensorNames.FeedForwardNorm(b), c.EmbeddingLength);
            Expect(file, LlamaTensorNames.FeedForwardGate(b), c.EmbeddingLength, c.FeedForwardLength);
            Expect(file, LlamaTensorNames.FeedForwardUp(b), c.EmbeddingLength, c.FeedForwardLength);
            Expect(file, LlamaTensorNames.FeedForwardDown(b), c.FeedForwardLength, c.EmbeddingLength);
        }
        var extraBlock = LlamaTensorNames.AttentionNorm(c.BlockCount);
        if (file.TryGetTensor(extraBlock, out _))
            throw new GgufFormatException(
                $"file has tensor '{extraBlock}' but '{LlamaMetadataKeys.BlockCount}' is {c.BlockCount}");
    }

    private static void Expect(GgufFile file, string name, params long[] shape)
    {
        var tensor = file.GetTensor(name);
        if (!tensor.Dimensions.AsSpan().SequenceEqual(shape))
            throw new GgufFormatException(
                $"tensor '{name}' has shape {tensor.ShapeText}, expected [{string.Join(", ", shape)}] from the model's hyperparameters");
        GgufFile.ComputableTraits(tensor);
        if (shape.Length == 1 && tensor.Type != Tensors.GgmlType.F32)
            throw new GgufFormatException($"norm tensor '{name}' has type {Tensors.GgmlTypes.NameOf(tensor.Type)}; norms must be f32");
    }
}
