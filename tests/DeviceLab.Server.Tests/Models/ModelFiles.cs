using DeviceLab.Engine.Synthesis;
using DeviceLab.Engine.Tensors;
using DeviceLab.Testing;

namespace DeviceLab.Server.Tests.Models;

/// <summary>Real GGUF files from the engine's synthetic-model writer (a few hundred KB), written once per test process.</summary>
public static class ModelFiles
{
    private static readonly TemporaryFolder Folder = new("models");
    private static readonly Lazy<string> TinyF16Path = new(() => Write("tiny-f16.gguf", SyntheticShapes.Tiny, GgmlType.F16, seed: 7));
    private static readonly Lazy<string> TinyF32Path = new(() => Write("tiny-f32.gguf", SyntheticShapes.Tiny, GgmlType.F32, seed: 8));

    static ModelFiles() => AppDomain.CurrentDomain.ProcessExit += (_, _) => Folder.Dispose();

    /// <summary>The tiny llama shape with F16 weights.</summary>
    public static byte[] TinyF16 => File.ReadAllBytes(TinyF16Path.Value);

    /// <summary>The tiny llama shape with F32 weights (another file than <see cref="TinyF16"/>).</summary>
    public static byte[] TinyF32 => File.ReadAllBytes(TinyF32Path.Value);

    private static string Write(string name, SyntheticShape shape, GgmlType type, ulong seed)
    {
        var path = Folder.Combine(name);
        SyntheticModel.Write(path, shape, seed, type);
        return path;
    }
}
