using DeviceLab.Engine.Quantization;
using DeviceLab.Engine.Synthesis;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Agent.Tests.Benchmark;

/// <summary>Two variants of the engine's tiny synthetic model (F32 and Q4_0), written once per test class into a temp folder.</summary>
public sealed class TinyVariants : IDisposable
{
    public TinyVariants()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("devicelab-tiny-variants-").FullName;
        F32 = Path.Combine(Directory, "tiny-f32.gguf");
        Q4_0 = Path.Combine(Directory, "tiny-q4_0.gguf");
        SyntheticModel.Write(F32, SyntheticShapes.Tiny, seed: 7);
        VariantBuilder.Build(F32, Q4_0, new VariantOptions(GgmlType.Q4_0));
    }

    public string Directory { get; }
    public string F32 { get; }
    public string Q4_0 { get; }

    /// <summary>A copy of a variant with bytes changed, for corrupt-file tests.</summary>
    public string Corrupted(string name, Func<byte[], byte[]> damage)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, damage(File.ReadAllBytes(F32)));
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
