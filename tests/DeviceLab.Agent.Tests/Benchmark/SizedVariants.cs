using DeviceLab.Engine.Bench;
using DeviceLab.Engine.Quantization;
using DeviceLab.Engine.Synthesis;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Agent.Tests.Benchmark;

/// <summary>
/// Two variants of one synthetic model far apart in size: F32 (~113 MB of weights) and its Q4_0 (~16 MB), with the
/// output tied to the embedding so every forward pass reads every weight (a repetition maps all of them).
/// </summary>
public sealed class SizedVariants : IDisposable
{
    private static readonly SyntheticShape Shape =
        new("sized", 512, 8, 8, 8, 1536, 2048, 256, TiedOutput: true, 10000f, 1e-5f, GgmlType.F32);

    public SizedVariants()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("devicelab-sized-variants-").FullName;
        F32 = Path.Combine(Directory, "sized-f32.gguf");
        Q4_0 = Path.Combine(Directory, "sized-q4_0.gguf");
        SyntheticModel.Write(F32, Shape, seed: 11);
        VariantBuilder.Build(F32, Q4_0, new VariantOptions(GgmlType.Q4_0));
        F32WeightBytes = WeightsMappedBytes(F32);
        Q4_0WeightBytes = WeightsMappedBytes(Q4_0);
    }

    public string Directory { get; }
    public string F32 { get; }
    public string Q4_0 { get; }

    /// <summary>Tensor bytes the engine maps and the forward pass reads (the engine's memory plan).</summary>
    public long F32WeightBytes { get; }
    public long Q4_0WeightBytes { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static long WeightsMappedBytes(string path)
    {
        using var session = BenchSession.Load(path, new BenchSessionOptions { Threads = 1, ContextLength = 64 });
        return session.Kernels.Memory.WeightsMappedBytes;
    }
}
