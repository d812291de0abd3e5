using System.Runtime.CompilerServices;

namespace DeviceLab.Engine.Kernels;

/// <summary>One token's Q8_0 activations: pointers into a <see cref="Q8Activations"/> buffer.</summary>
internal readonly unsafe struct Q8Row(sbyte* values, float* scales, int* biasQ4, int* biasQ8, float* scaleLanes, float* offsetQ4Lanes)
{
    /// <summary>(columns) int8 values.</summary>
    public readonly sbyte* Values = values;

    /// <summary>(columns/32) f16-rounded block scales.</summary>
    public readonly float* Scales = scales;

    /// <summary>(columns/32) −Σq per block.</summary>
    public readonly int* BiasQ4 = biasQ4;

    /// <summary>(columns/32) −16·Σq per block.</summary>
    public readonly int* BiasQ8 = biasQ8;

    /// <summary>(columns/32, 8) block scales repeated in 8 lanes.</summary>
    public readonly float* ScaleLanes = scaleLanes;

    /// <summary>(columns/32, 8) −d·Σq repeated in 8 lanes.</summary>
    public readonly float* OffsetQ4Lanes = offsetQ4Lanes;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Q8Row Of(Q8Activations activations, int token) => new(
        activations.TokenValues(token), activations.TokenScales(token),
        activations.TokenBiasQ4(token), activations.TokenBiasQ8(token),
        activations.TokenScaleLanes(token), activations.TokenOffsetQ4Lanes(token));
}
