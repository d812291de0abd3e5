using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// Prefill for Q4_0 / Q8_0 with AVX-VNNI: 8 weight rows are re-laid, for the duration of one batch, into a
/// small L1 buffer where int32 lane r of a 256-bit register holds 4 consecutive weights of row r. One
/// <c>vpdpbusd</c> against 4 broadcast activation bytes then advances all 8 rows at once, a block's sum for
/// all 8 rows ends up in one register, and the block scales are applied once per 8 rows instead of once per
/// row — no horizontal sums at all. This is what llama.cpp gets from repacking Q4_0 at load time, done here
/// per panel and per batch instead, so the weights stay in the mapped file and nothing is held resident.
/// Weights become unsigned bytes (Q4_0: the nibble; Q8_0: w XOR 0x80 = w + 128) and each row's block sum
/// starts at −8·Σq or −128·Σq.
/// </summary>
internal static unsafe class QuantizedPanel
{
    public const int Rows = 8;

    /// <summary>Tokens one kernel call covers.</summary>
    public const int Tokens = 4;

    /// <summary>Bytes of re-laid weights per block (8 quads × 8 rows × 4 bytes).</summary>
    public const int BlockBytes = 256;

    public static bool Applies(KernelChoice kernels, GgmlType type) =>
        kernels.Vnni && kernels.Path is KernelPath.Avx512 or KernelPath.Avx2 && type is GgmlType.Q4_0 or GgmlType.Q8_0;

    /// <summary>Re-lays rows [row, row + 8) of <paramref name="w"/>: (blocks, 8 quads, 8 rows, 4 bytes) and (blocks, 8 rows) scales.</summary>
    public static void Pack(in WeightMatrix w, int row, byte* packed, float* scales)
    {
        var blocks = w.Columns / 32;
        var quantized = w.Type == GgmlType.Q4_0;
        var blockBytes = quantized ? DotQ4_0.BlockBytes : DotQ8_0.BlockBytes;
        var halves = HalfTable.Shared;
        var rows = stackalloc byte*[Rows];
        for (var r = 0; r < Rows; r++) rows[r] = w.Row(row + r);
        for (var b = 0; b < blocks; b++)
        {
            var offset = b * blockBytes;
            Vector256<int> v0 = Load(rows[0] + offset, quantized), v1 = Load(rows[1] + offset, quantized);
            Vector256<int> v2 = Load(rows[2] + offset, quantized), v3 = Load(rows[3] + offset, quantized);
            Vector256<int> v4 = Load(rows[4] + offset, quantized), v5 = Load(rows[5] + offset, quantized);
            Vector256<int> v6 = Load(rows[6] + offset, quantized), v7 = Load(rows[7] + offset, quantized);
            for (var r = 0; r < Rows; r++) scales[b * Rows + r] = halves.Scale(rows[r] + offset);

            // 8×8 transpose of dwords: quad q of every row into register q.
            var t0 = Avx2.UnpackLow(v0, v1);
            var t1 = Avx2.UnpackHigh(v0, v1);
            var t2 = Avx2.UnpackLow(v2, v3);
            var t3 = Avx2.UnpackHigh(v2, v3);
            var t4 = Avx2.UnpackLow(v4, v5);
            var t5 = Avx2.UnpackHigh(v4, v5);
            var t6 = Avx2.UnpackLow(v6, v7);
            var t7 = Avx2.UnpackHigh(v6, v7);
            var u0 = Avx2.UnpackLow(t0.AsInt64(), t2.AsInt64());
            var u1 = Avx2.UnpackHigh(t0.AsInt64(), t2.AsInt64());
            var u2 = Avx2.UnpackLow(t1.AsInt64(), t3.AsInt64());
            var u3 = Avx2.UnpackHigh(t1.AsInt64(), t3.AsInt64());
            var u4 = Avx2.UnpackLow(t4.AsInt64(), t6.AsInt64());
            var u5 = Avx2.UnpackHigh(t4.AsInt64(), t6.AsInt64());
            var u6 = Avx2.UnpackLow(t5.AsInt64(), t7.AsInt64());
            var u7 = Avx2.UnpackHigh(t5.AsInt64(), t7.AsInt64());
            var destination = (long*)(packed + b * BlockBytes);
            Avx2.Permute2x128(u0, u4, 0x20).Store(destination);
            Avx2.Permute2x128(u1, u5, 0x20).Store(destination + 4);
            Avx2.Permute2x128(u2, u6, 0x20).Store(destination + 8);
            Avx2.Permute2x128(u3, u7, 0x20).Store(destination + 12);
            Avx2.Permute2x128(u0, u4, 0x31).Store(destination + 16);
            Avx2.Permute2x128(u1, u5, 0x31).Store(destination + 20);
            Avx2.Permute2x128(u2, u6, 0x31).Store(destination + 24);
            Avx2.Permute2x128(u3, u7, 0x31).Store(destination + 28);
        }
    }

    /// <summary>One block's 32 weights as unsigned bytes in element order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Load(byte* block, bool q4) =>
        q4 ? DotQ4_0.Nibbles(block + 2).AsInt32() : (Vector256.Load(block + 2) ^ Vector256.Create((byte)0x80)).AsInt32();

    /// <summary>
    /// y(t, row … row+7) (+)= the 8 packed rows · x(t) for tokens [firstToken, firstToken + 4).
    /// </summary>
    public static void Multiply(
        byte* packed, float* scales, int blocks, Q8Activations x, int firstToken, bool q4, float* y, long yStride, bool accumulate)
    {
        var perToken = x.BlocksPerToken;
        var columns = x.Columns;
        sbyte* q0 = x.TokenValues(firstToken), q1 = q0 + columns, q2 = q1 + columns, q3 = q2 + columns;
        int* bias0 = q4 ? x.TokenRowBiasQ4(firstToken) : x.TokenRowBiasQ8(firstToken);
        int* bias1 = bias0 + perToken, bias2 = bias1 + perToken, bias3 = bias2 + perToken;
        float* d0 = x.TokenScales(firstToken), d1 = d0 + perToken, d2 = d1 + perToken, d3 = d2 + perToken;
        Vector256<float> f0 = default, f1 = default, f2 = default, f3 = default;
        for (var b = 0; b < blocks; b++, packed += BlockBytes)
        {
            var w = (int*)packed;
            Vector256<byte> w0 = Vector256.Load((byte*)w), w1 = Vector256.Load((byte*)(w + 8)), w2 = Vector256.Load((byte*)(w + 16)), w3 = Vector256.Load((byte*)(w + 24));
            Vector256<byte> w4 = Vector256.Load((byte*)(w + 32)), w5 = Vector256.Load((byte*)(w + 40)), w6 = Vector256.Load((byte*)(w + 48)), w7 = Vector256.Load((byte*)(w + 56));
            var weightScales = Vector256.Load(scales + b * Rows);
            var k = b * 32;
            f0 = Token(w0, w1, w2, w3, w4, w5, w6, w7, (int*)(q0 + k), bias0[b], weightScales * d0[b], f0);
            f1 = Token(w0, w1, w2, w3, w4, w5, w6, w7, (int*)(q1 + k), bias1[b], weightScales * d1[b], f1);
            f2 = Token(w0, w1, w2, w3, w4, w5, w6, w7, (int*)(q2 + k), bias2[b], weightScales * d2[b], f2);
            f3 = Token(w0, w1, w2, w3, w4, w5, w6, w7, (int*)(q3 + k), bias3[b], weightScales * d3[b], f3);
        }
        Store(y, f0, accumulate);
        Store(y + yStride, f1, accumulate);
        Store(y + 2 * yStride, f2, accumulate);
        Store(y + 3 * yStride, f3, accumulate);
    }

    /// <summary>One token, one block: 8 <c>vpdpbusd</c> in two chains, then the 8 rows' sums scaled at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Token(
        Vector256<byte> w0, Vector256<byte> w1, Vector256<byte> w2, Vector256<byte> w3,
        Vector256<byte> w4, Vector256<byte> w5, Vector256<byte> w6, Vector256<byte> w7,
        int* quads, int bias, Vector256<float> scale, Vector256<float> accumulator)
    {
        var even = AvxVnni.MultiplyWideningAndAdd(Vector256.Create(bias), w0, Vector256.Create(quads[0]).AsSByte());
        var odd = AvxVnni.MultiplyWideningAndAdd(Vector256<int>.Zero, w1, Vector256.Create(quads[1]).AsSByte());
        even = AvxVnni.MultiplyWideningAndAdd(even, w2, Vector256.Create(quads[2]).AsSByte());
        odd = AvxVnni.MultiplyWideningAndAdd(odd, w3, Vector256.Create(quads[3]).AsSByte());
        even = AvxVnni.MultiplyWideningAndAdd(even, w4, Vector256.Create(quads[4]).AsSByte());
        odd = AvxVnni.MultiplyWideningAndAdd(odd, w5, Vector256.Create(quads[5]).AsSByte());
        even = AvxVnni.MultiplyWideningAndAdd(even, w6, Vector256.Create(quads[6]).AsSByte());
        odd = AvxVnni.MultiplyWideningAndAdd(odd, w7, Vector256.Create(quads[7]).AsSByte());
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(even + odd), scale, accumulator);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* y, Vector256<float> value, bool accumulate)
    {
        if (accumulate) value += Vector256.Load(y);
        value.Store(y);
    }
}
