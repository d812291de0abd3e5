using System.Runtime.CompilerServices;

namespace DeviceLab.Engine.Kernels;

/// <summary>Writes a kernel result: store it, or add it to what is there (a residual connection).</summary>
internal static unsafe class Output
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, float value, bool accumulate)
    {
        if (accumulate) *destination += value;
        else *destination = value;
    }
}
