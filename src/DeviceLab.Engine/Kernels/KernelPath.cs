using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// The tier of kernels a computation runs on. Every tier computes the same thing; <see cref="Scalar"/>
/// is the reference the others are tested against.
/// </summary>
public enum KernelPath
{
    /// <summary>Plain loops, one element at a time: the reference.</summary>
    Scalar = 0,

    /// <summary>Cross-platform <see cref="Vector128{T}"/> code; on arm64 the JIT emits NEON (AdvSimd) for it.</summary>
    Portable = 1,

    /// <summary>x86 AVX2 + FMA, 256-bit.</summary>
    Avx2 = 2,

    /// <summary>x86 AVX-512 (F, BW), 512-bit floats; int8 dot products on AVX-VNNI when present.</summary>
    Avx512 = 3,
}

/// <summary>
/// The kernels a model runs on: a <see cref="KernelPath"/> and whether int8 dot products use AVX-VNNI
/// (<c>vpdpbusd</c>) instead of the <c>vpmaddubsw</c> + <c>vpmaddwd</c> pair.
/// </summary>
public readonly record struct KernelChoice(KernelPath Path, bool Vnni)
{
    /// <summary>The fastest choice this CPU supports.</summary>
    public static KernelChoice Best { get; } = Detect();

    /// <summary>The scalar reference.</summary>
    public static KernelChoice Reference => new(KernelPath.Scalar, false);

    /// <summary>Whether this CPU can run <paramref name="choice"/>; <paramref name="reason"/> says why not.</summary>
    public static bool IsSupported(KernelChoice choice, out string reason)
    {
        reason = "";
        if (choice.Vnni && !AvxVnni.IsSupported)
            reason = "the CPU lacks AVX-VNNI";
        else if (choice.Vnni && choice.Path is KernelPath.Scalar or KernelPath.Portable)
            reason = "AVX-VNNI applies only to the AVX2 and AVX-512 paths";
        else if (choice.Path == KernelPath.Avx2 && !(Avx2.IsSupported && Fma.IsSupported))
            reason = "the CPU lacks AVX2 + FMA";
        else if (choice.Path == KernelPath.Avx512 && !(Avx512F.IsSupported && Avx512BW.IsSupported && Fma.IsSupported))
            reason = "the CPU lacks AVX-512 F + BW";
        else if (choice.Path == KernelPath.Portable && !Vector128.IsHardwareAccelerated)
            reason = "128-bit vectors are not hardware accelerated here";
        return reason.Length == 0;
    }

    /// <summary>Every choice, supported here or not (tests walk it and skip the unsupported ones).</summary>
    public static IReadOnlyList<KernelChoice> All { get; } =
    [
        new(KernelPath.Scalar, false), new(KernelPath.Portable, false),
        new(KernelPath.Avx2, false), new(KernelPath.Avx2, true),
        new(KernelPath.Avx512, false), new(KernelPath.Avx512, true),
    ];

    /// <summary>A name for reports: "AVX-512 + AVX-VNNI", "AVX2", "NEON (Vector128)", "scalar".</summary>
    public string Description => Path switch
    {
        KernelPath.Scalar => "scalar",
        KernelPath.Portable when RuntimeInformation.ProcessArchitecture == Architecture.Arm64 => "NEON (Vector128)",
        KernelPath.Portable => "portable (Vector128)",
        KernelPath.Avx2 => Vnni ? "AVX2 + AVX-VNNI" : "AVX2",
        KernelPath.Avx512 => Vnni ? "AVX-512 + AVX-VNNI" : "AVX-512",
        _ => Path.ToString(),
    };

    public override string ToString() => Description;

    private static KernelChoice Detect()
    {
        var vnni = AvxVnni.IsSupported;
        foreach (var path in new[] { KernelPath.Avx512, KernelPath.Avx2, KernelPath.Portable })
        {
            var choice = new KernelChoice(path, vnni && path is KernelPath.Avx512 or KernelPath.Avx2);
            if (IsSupported(choice, out _)) return choice;
        }
        return Reference;
    }
}
