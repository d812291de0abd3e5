using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// The float value of every half bit pattern (65 536 entries, 256 KiB): how scalar f16 block scales are read, as
/// ggml does without F16C. Kernels take it as an argument that their caller reads once per matrix multiply, never
/// from a static inside a loop: the table is built on first use, and under NativeAOT each read of such a static is
/// a class-initialisation check with a helper call, and a call inside a loop makes the register allocator spill the
/// vector accumulators on every iteration (ADR 0130).
/// </summary>
internal readonly unsafe struct HalfTable
{
    private readonly float* _values;

    private HalfTable(float* values) => _values = values;

    /// <summary>The process-wide table. Read it once, outside loops, and pass it on.</summary>
    public static HalfTable Shared => new(Storage.Values);

    public float this[ushort half]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _values[half];
    }

    /// <summary>The f16 scale d that starts a Q8_0 or Q4_0 block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Scale(byte* block) => _values[*(ushort*)block];

    /// <summary>Holds the static apart, so only <see cref="Shared"/> carries an initialisation check.</summary>
    private static class Storage
    {
        public static readonly float* Values = Build();

        private static float* Build()
        {
            var table = (float*)NativeMemory.AlignedAlloc(65536 * sizeof(float), 64);
            for (var i = 0; i < 65536; i++) table[i] = (float)BitConverter.UInt16BitsToHalf((ushort)i);
            return table;
        }
    }
}
