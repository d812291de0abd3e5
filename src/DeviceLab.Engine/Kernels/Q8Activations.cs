using System.Runtime.CompilerServices;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// Activations quantized to Q8_0 blocks of 32, the form quantized weight matrices multiply against.
/// Kept as separate arrays rather than 34-byte blocks so SIMD loads are aligned, with two per-block
/// bias terms precomputed once per input so the weight loops need no correction arithmetic:
/// an unsigned Q4_0 nibble n stands for n − 8, and a Q8_0 weight w flipped to unsigned is w + 128.
/// </summary>
internal sealed unsafe class Q8Activations : IDisposable
{
    public const int BlockSize = 32;

    /// <summary>(capacity, columns) int8 quantized values, token-major.</summary>
    public readonly sbyte* Values;

    /// <summary>(capacity, columns/32) block scale d, already rounded to f16 as a Q8_0 block stores it.</summary>
    public readonly float* Scales;

    /// <summary>(capacity, columns/32) −Σq per block: spread over 8 int32 lanes it removes the "+8" of Q4_0 nibbles.</summary>
    public readonly int* BiasQ4;

    /// <summary>(capacity, columns/32) −16·Σq per block: spread over 8 lanes it removes the "+128" of flipped Q8_0 weights.</summary>
    public readonly int* BiasQ8;

    /// <summary>(capacity, columns/32) −8·Σq and −128·Σq: a whole row's correction when one int32 lane holds a whole row's block sum (<see cref="QuantizedPanel"/>).</summary>
    public readonly int* RowBiasQ4;

    /// <inheritdoc cref="RowBiasQ4"/>
    public readonly int* RowBiasQ8;

    /// <summary>(capacity, columns/32, 8) each block's scale d repeated in 8 lanes: two blocks fill a 512-bit register.</summary>
    public readonly float* ScaleLanes;

    /// <summary>(capacity, columns/32, 8) −d·Σq in 8 lanes (summing to −8·d·Σq): the Q4_0 "− 8" in float, per block.</summary>
    public readonly float* OffsetQ4Lanes;

    public int Columns { get; }
    public int BlocksPerToken { get; }
    public int Capacity { get; }

    /// <summary>Bytes of native memory this buffer holds.</summary>
    public long Bytes { get; }

    private readonly NativeBuffer<byte> _memory;

    public Q8Activations(int columns, int capacity)
    {
        if (columns <= 0 || columns % BlockSize != 0)
            throw new ArgumentException($"Q8_0 activations need a positive multiple of {BlockSize} columns, got {columns}", nameof(columns));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Columns = columns;
        Capacity = capacity;
        BlocksPerToken = columns / BlockSize;
        var valueBytes = (long)columns * capacity;
        var blockCount = (long)BlocksPerToken * capacity;
        Bytes = valueBytes + 5 * blockCount * 4 + 2 * blockCount * 32 + 64;
        _memory = new NativeBuffer<byte>(Bytes);
        Values = (sbyte*)_memory.Pointer;
        Scales = (float*)((byte*)_memory.Pointer + valueBytes);
        BiasQ4 = (int*)(Scales + blockCount);
        BiasQ8 = BiasQ4 + blockCount;
        RowBiasQ4 = BiasQ8 + blockCount;
        RowBiasQ8 = RowBiasQ4 + blockCount;
        ScaleLanes = (float*)(RowBiasQ8 + blockCount);
        OffsetQ4Lanes = ScaleLanes + blockCount * 8;
    }

    // Token offsets are taken per row range and per tile: marked for inlining, as NativeAOT has no profile telling it
    // they are hot (the JIT inlines them on its own).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public sbyte* TokenValues(int token) => Values + (long)token * Columns;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float* TokenScales(int token) => Scales + (long)token * BlocksPerToken;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int* TokenBiasQ4(int token) => BiasQ4 + (long)token * BlocksPerToken;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int* TokenBiasQ8(int token) => BiasQ8 + (long)token * BlocksPerToken;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int* TokenRowBiasQ4(int token) => RowBiasQ4 + (long)token * BlocksPerToken;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int* TokenRowBiasQ8(int token) => RowBiasQ8 + (long)token * BlocksPerToken;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float* TokenScaleLanes(int token) => ScaleLanes + (long)token * BlocksPerToken * 8;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float* TokenOffsetQ4Lanes(int token) => OffsetQ4Lanes + (long)token * BlocksPerToken * 8;

    public void Dispose() => _memory.Dispose();
}
