using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// Dot product of a Q8_0 weight row (34-byte blocks: f16 d, 32 int8) with Q8_0 activations:
/// Σ_blocks d_w · d_x · Σ w·q, the integer sum exact, the outer sum in float.
/// With AVX-VNNI a weight byte is flipped to unsigned (w XOR 0x80 = w + 128) and the block accumulator
/// starts at −128·Σq; without it the classic sign trick (|w| against sign(w)·q) keeps products in int16.
/// </summary>
internal static unsafe class DotQ8_0
{
    public const int BlockBytes = 34;

    public static float Row(KernelChoice kernels, byte* w, Q8Row x, int blocks) => kernels.Path switch
    {
        KernelPath.Avx512 or KernelPath.Avx2 when kernels.Vnni => VnniRow(w, x, blocks),
        KernelPath.Avx512 or KernelPath.Avx2 => Avx2Row(w, x, blocks),
        KernelPath.Portable => PortableRow(w, x, blocks),
        _ => ScalarRow(w, x, blocks),
    };

    /// <summary>The reference.</summary>
    public static float ScalarRow(byte* w, Q8Row x, int blocks)
    {
        var sum = 0f;
        for (var b = 0; b < blocks; b++, w += BlockBytes)
        {
            var weights = (sbyte*)(w + 2);
            var q = x.Values + b * 32;
            var integer = 0;
            for (var j = 0; j < 32; j++) integer += weights[j] * q[j];
            sum += HalfBits.ToSingle(*(ushort*)w) * x.Scales[b] * integer;
        }
        return sum;
    }

    public static float PortableRow(byte* w, Q8Row x, int blocks)
    {
        var sum = 0f;
        for (var b = 0; b < blocks; b++, w += BlockBytes)
        {
            var q = x.Values + b * 32;
            var products = DotQ4_0.Int8Products(Vector128.Load((sbyte*)(w + 2)), Vector128.Load(q))
                + DotQ4_0.Int8Products(Vector128.Load((sbyte*)(w + 18)), Vector128.Load(q + 16));
            sum += HalfBits.ToSingle(*(ushort*)w) * x.Scales[b] * Vector128.Sum(products);
        }
        return sum;
    }

    public static float VnniRow(byte* w, Q8Row x, int blocks)
    {
        var acc0 = Vector256<float>.Zero;
        var acc1 = Vector256<float>.Zero;
        var b = 0;
        for (; b + 1 < blocks; b += 2, w += 2 * BlockBytes)
        {
            acc0 = VnniBlock(w, x, b, acc0);
            acc1 = VnniBlock(w + BlockBytes, x, b + 1, acc1);
        }
        if (b < blocks) acc0 = VnniBlock(w, x, b, acc0);
        return Vector256.Sum(acc0 + acc1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> VnniBlock(byte* w, Q8Row x, int b, Vector256<float> accumulator)
    {
        var flipped = Vector256.Load(w + 2) ^ Vector256.Create((byte)0x80);
        var integer = AvxVnni.MultiplyWideningAndAdd(Vector256.Create(x.BiasQ8[b]), flipped, Vector256.Load(x.Values + b * 32));
        var scale = HalfBits.ToSingle(*(ushort*)w) * x.Scales[b];
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(integer), Vector256.Create(scale), accumulator);
    }

    public static float Avx2Row(byte* w, Q8Row x, int blocks)
    {
        var acc0 = Vector256<float>.Zero;
        var acc1 = Vector256<float>.Zero;
        var b = 0;
        for (; b + 1 < blocks; b += 2, w += 2 * BlockBytes)
        {
            acc0 = SignBlock(w, x, b, acc0);
            acc1 = SignBlock(w + BlockBytes, x, b + 1, acc1);
        }
        if (b < blocks) acc0 = SignBlock(w, x, b, acc0);
        return Vector256.Sum(acc0 + acc1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> SignBlock(byte* w, Q8Row x, int b, Vector256<float> accumulator)
    {
        var weights = Vector256.Load((sbyte*)(w + 2));
        var magnitudes = Avx2.Abs(weights);
        var signed = Avx2.Sign(Vector256.Load(x.Values + b * 32), weights);
        var integer = MaddDot.Accumulate(Vector256<int>.Zero, magnitudes, signed);
        var scale = HalfBits.ToSingle(*(ushort*)w) * x.Scales[b];
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(integer), Vector256.Create(scale), accumulator);
    }

    /// <summary>y[r] (+)= row r · x for rows [rowStart, rowEnd); the path chosen once, outside the row loop.</summary>
    public static void Rows(KernelChoice kernels, in WeightMatrix w, Q8Row x, float* y, int rowStart, int rowEnd, bool accumulate)
    {
        var blocks = w.Columns / 32;
        switch (kernels.Path)
        {
            case KernelPath.Avx512 or KernelPath.Avx2 when kernels.Vnni:
                for (var r = rowStart; r < rowEnd; r++) Output.Store(y + r, VnniRow(w.Row(r), x, blocks), accumulate);
                break;
            case KernelPath.Avx512 or KernelPath.Avx2:
                for (var r = rowStart; r < rowEnd; r++) Output.Store(y + r, Avx2Row(w.Row(r), x, blocks), accumulate);
                break;
            case KernelPath.Portable:
                for (var r = rowStart; r < rowEnd; r++) Output.Store(y + r, PortableRow(w.Row(r), x, blocks), accumulate);
                break;
            default:
                for (var r = rowStart; r < rowEnd; r++) Output.Store(y + r, ScalarRow(w.Row(r), x, blocks), accumulate);
                break;
        }
    }

    /// <summary>
    /// Prefill tile (AVX-VNNI): one row against 4 tokens; each block is loaded and flipped to unsigned once.
    /// </summary>
    public static void Tile4Vnni(byte* w, Q8Activations x, int firstToken, int blocks, float* results)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        var columns = x.Columns;
        var perToken = x.BlocksPerToken;
        var lanes = (long)perToken * 8;
        sbyte* q = x.TokenValues(firstToken);
        int* bias = x.TokenBiasQ8(firstToken);
        float* scales = x.TokenScaleLanes(firstToken);
        for (var b = 0; b < blocks; b++, w += BlockBytes, q += 32, bias++, scales += 8)
        {
            var flipped = Vector256.Load(w + 2) ^ Vector256.Create((byte)0x80);
            var weightScale = Vector256.Create(HalfBits.ToSingle(*(ushort*)w));
            a0 = VnniForToken(flipped, weightScale, q, bias, scales, a0);
            a1 = VnniForToken(flipped, weightScale, q + columns, bias + perToken, scales + lanes, a1);
            a2 = VnniForToken(flipped, weightScale, q + 2 * columns, bias + 2 * perToken, scales + 2 * lanes, a2);
            a3 = VnniForToken(flipped, weightScale, q + 3 * columns, bias + 3 * perToken, scales + 3 * lanes, a3);
        }
        results[0] = Vector256.Sum(a0);
        results[1] = Vector256.Sum(a1);
        results[2] = Vector256.Sum(a2);
        results[3] = Vector256.Sum(a3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> VnniForToken(
        Vector256<byte> flipped, Vector256<float> weightScale, sbyte* q, int* bias, float* scaleLanes, Vector256<float> accumulator)
    {
        var integer = AvxVnni.MultiplyWideningAndAdd(Vector256.Create(*bias), flipped, Vector256.Load(q));
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(integer), weightScale * Vector256.Load(scaleLanes), accumulator);
    }
}
