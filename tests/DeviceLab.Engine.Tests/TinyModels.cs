using DeviceLab.Engine.Quantization;
using DeviceLab.Engine.Synthesis;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Tests;

/// <summary>
/// Tiny synthetic llama files written once for every test that runs a model: an F32 original and its
/// F16, Q8_0 and Q4_0 variants built by the variant builder, plus a tied-output F32 model.
/// </summary>
public sealed class TinyModels : IDisposable
{
    private readonly TempFolder _folder = new();

    public TinyModels()
    {
        F32 = _folder.File("tiny-f32.gguf");
        SyntheticModel.Write(F32, SyntheticShapes.Tiny, seed: 7, GgmlType.F32);
        F16 = Variant(GgmlType.F16);
        Q8_0 = Variant(GgmlType.Q8_0);
        Q4_0 = Variant(GgmlType.Q4_0);
        Q8_0FloatEmbedding = Variant(GgmlType.Q8_0, GgmlType.F32);
        Q4_0FloatEmbedding = Variant(GgmlType.Q4_0, GgmlType.F32);
        TiedF32 = _folder.File("tiny-tied-f32.gguf");
        SyntheticModel.Write(TiedF32, SyntheticShapes.TinyTied, seed: 11, GgmlType.F32);
        Head64Q4_0 = _folder.File("head64-q4_0.gguf");
        Head64F16 = _folder.File("head64-f16.gguf");
        SyntheticModel.Write(Head64F16, Head64Shape, seed: 13, GgmlType.F16);
        VariantBuilder.Build(Head64F16, Head64Q4_0, new VariantOptions(GgmlType.Q4_0) { EmbeddingType = GgmlType.F16 });
    }

    public string F32 { get; }
    public string F16 { get; }
    public string Q8_0 { get; }
    public string Q4_0 { get; }
    public string TiedF32 { get; }

    /// <summary>
    /// Head dimension 64 with 3 query heads per key/value head, as SmolLM-135M has, small enough for the float64
    /// reference: the shape the engine's widest attention and prefill kernels are written for.
    /// </summary>
    public static SyntheticShape Head64Shape { get; } = SyntheticShapes.Tiny with { Name = "head64", EmbeddingLength = 192, HeadCount = 3, HeadCountKv = 1, FeedForwardLength = 256 };

    /// <summary><see cref="Head64Shape"/> in F16.</summary>
    public string Head64F16 { get; }

    /// <summary><see cref="Head64Shape"/> with Q4_0 matrices and an F16 embedding.</summary>
    public string Head64Q4_0 { get; }

    /// <summary>
    /// Q8_0 / Q4_0 matrices with an F32 token embedding. A quantized embedding row holds small-integer
    /// multiples of one scale, so its normalized values often land exactly on a rounding midpoint of the
    /// next Q8_0 quantization, where float32 and float64 break the tie differently; a float embedding
    /// lets the reference comparison be tight.
    /// </summary>
    public string Q8_0FloatEmbedding { get; }

    public string Q4_0FloatEmbedding { get; }

    public string Path(GgmlType type) => type switch
    {
        GgmlType.F32 => F32,
        GgmlType.F16 => F16,
        GgmlType.Q8_0 => Q8_0,
        GgmlType.Q4_0 => Q4_0,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public string Folder => _folder.Path;

    private string Variant(GgmlType type, GgmlType? embedding = null)
    {
        var path = _folder.File($"tiny-{GgmlTypes.NameOf(type)}{(embedding is null ? "" : "-embd-" + GgmlTypes.NameOf(embedding.Value))}.gguf");
        VariantBuilder.Build(F32, path, new VariantOptions(type) { EmbeddingType = embedding });
        return path;
    }

    public void Dispose() => _folder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class TinyModelCollection : ICollectionFixture<TinyModels>
{
    public const string Name = "tiny models";
}
