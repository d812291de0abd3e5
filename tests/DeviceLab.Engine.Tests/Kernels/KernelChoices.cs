using DeviceLab.Engine.Kernels;

namespace DeviceLab.Engine.Tests.Kernels;

/// <summary>Kernel choices as theory data: the ones this CPU runs (the others are skipped by <see cref="KernelPathFactAttribute"/>).</summary>
public static class KernelChoices
{
    public static TheoryData<KernelPath, bool> Supported()
    {
        var data = new TheoryData<KernelPath, bool>();
        foreach (var choice in KernelChoice.All.Where(c => KernelChoice.IsSupported(c, out _))) data.Add(choice.Path, choice.Vnni);
        return data;
    }

    /// <summary>The SIMD choices this CPU runs (everything but the scalar reference).</summary>
    public static TheoryData<KernelPath, bool> SupportedSimd()
    {
        var data = new TheoryData<KernelPath, bool>();
        foreach (var choice in KernelChoice.All.Where(c => c.Path != KernelPath.Scalar && KernelChoice.IsSupported(c, out _)))
            data.Add(choice.Path, choice.Vnni);
        return data;
    }
}

/// <summary>A fact about one kernel path, skipped with the reason when this CPU cannot run the path.</summary>
public sealed class KernelPathFactAttribute : FactAttribute
{
    public KernelPathFactAttribute(KernelPath path, bool vnni)
    {
        if (!KernelChoice.IsSupported(new KernelChoice(path, vnni), out var reason))
            Skip = $"{new KernelChoice(path, vnni)} is not available on this machine: {reason}";
    }
}
