using DeviceLab.Engine.Kernels;

namespace DeviceLab.Engine.Tests.Kernels;

/// <summary>Which paths this machine runs; each unsupported one shows up as a skipped test with the reason.</summary>
public sealed class KernelChoiceTests
{
    [Fact]
    public void The_best_choice_is_supported_and_named_for_reports()
    {
        Assert.True(KernelChoice.IsSupported(KernelChoice.Best, out var reason), reason);
        Assert.False(string.IsNullOrWhiteSpace(KernelChoice.Best.Description));
        Assert.Equal("scalar", KernelChoice.Reference.Description);
    }

    [KernelPathFact(KernelPath.Portable, false)]
    public void Portable_path_is_available() => AssertRuns(KernelPath.Portable, false);

    [KernelPathFact(KernelPath.Avx2, false)]
    public void Avx2_path_is_available() => AssertRuns(KernelPath.Avx2, false);

    [KernelPathFact(KernelPath.Avx2, true)]
    public void Avx2_with_avx_vnni_is_available() => AssertRuns(KernelPath.Avx2, true);

    [KernelPathFact(KernelPath.Avx512, false)]
    public void Avx512_path_is_available() => AssertRuns(KernelPath.Avx512, false);

    [KernelPathFact(KernelPath.Avx512, true)]
    public void Avx512_with_avx_vnni_is_available() => AssertRuns(KernelPath.Avx512, true);

    private static void AssertRuns(KernelPath path, bool vnni)
    {
        var choice = new KernelChoice(path, vnni);
        Assert.True(KernelChoice.IsSupported(choice, out _));
        Assert.Contains(choice, KernelChoices.SupportedSimd().Select(row => new KernelChoice((KernelPath)row[0], (bool)row[1])));
    }
}
