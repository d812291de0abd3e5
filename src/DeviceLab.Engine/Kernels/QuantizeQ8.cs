using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// Quantizes activations to Q8_0 blocks exactly as the reference quantizer does: d = amax / 127 in float32,
/// inverse 1/d from that float (0 when d is 0), q = round-half-away-from-zero(x · inverse), d stored as f16.
/// Every path produces the same bytes; the vector paths round half away from zero by truncating and
/// stepping away from zero when the exact remainder is at least one half.
/// </summary>
internal static unsafe class QuantizeQ8
{
    private const int Block = Q8Activations.BlockSize;

    /// <summary>Quantizes (columns) floats at <paramref name="x"/> into token row <paramref name="token"/>.</summary>
    public static void Row(KernelChoice kernels, float* x, Q8Activations destination, int token) =>
        Blocks(kernels, x, destination, token, 0, destination.BlocksPerToken);

    /// <summary>Quantizes blocks [<paramref name="firstBlock"/>, <paramref name="endBlock"/>) of a token row (x points at the row's start).</summary>
    public static void Blocks(KernelChoice kernels, float* x, Q8Activations destination, int token, int firstBlock, int endBlock)
    {
        var values = destination.TokenValues(token);
        var scales = destination.TokenScales(token);
        var biasQ4 = destination.TokenBiasQ4(token);
        var biasQ8 = destination.TokenBiasQ8(token);
        var rowBiasQ4 = destination.TokenRowBiasQ4(token);
        var rowBiasQ8 = destination.TokenRowBiasQ8(token);
        var scaleLanes = destination.TokenScaleLanes(token);
        var offsetLanes = destination.TokenOffsetQ4Lanes(token);
        for (var b = firstBlock; b < endBlock; b++)
        {
            var sum = kernels.Path switch
            {
                KernelPath.Avx512 => Block512(x + b * Block, values + b * Block, out scales[b]),
                KernelPath.Avx2 => Block256(x + b * Block, values + b * Block, out scales[b]),
                KernelPath.Portable => Block128(x + b * Block, values + b * Block, out scales[b]),
                _ => BlockScalar(x + b * Block, values + b * Block, out scales[b]),
            };
            biasQ4[b] = -sum;
            biasQ8[b] = -16 * sum;
            rowBiasQ4[b] = -8 * sum;
            rowBiasQ8[b] = -128 * sum;
            Vector256.Create(scales[b]).Store(scaleLanes + b * 8);
            Vector256.Create(-scales[b] * sum).Store(offsetLanes + b * 8);
        }
    }

    /// <summary>Quantizes <paramref name="tokens"/> rows of (columns) floats, <paramref name="xStride"/> floats apart.</summary>
    public static void Rows(KernelChoice kernels, float* x, long xStride, Q8Activations destination, int tokens)
    {
        for (var t = 0; t < tokens; t++) Row(kernels, x + t * xStride, destination, t);
    }

    /// <summary>The reference: returns Σq; writes 32 values and the f16-rounded scale.</summary>
    internal static int BlockScalar(float* x, sbyte* q, out float scale)
    {
        var amax = 0f;
        for (var j = 0; j < Block; j++) amax = MathF.Max(amax, MathF.Abs(x[j]));
        var d = amax / 127f;
        var inverse = d != 0 ? 1f / d : 0f;
        var sum = 0;
        for (var j = 0; j < Block; j++)
        {
            var v = (sbyte)MathF.Round(x[j] * inverse, MidpointRounding.AwayFromZero);
            q[j] = v;
            sum += v;
        }
        scale = HalfBits.RoundToHalf(d);
        return sum;
    }

    private static int Block512(float* x, sbyte* q, out float scale)
    {
        var a = Vector512.Load(x);
        var b = Vector512.Load(x + 16);
        var amax = Vector512.Max(Vector512.Abs(a), Vector512.Abs(b));
        var max256 = Vector256.Max(amax.GetLower(), amax.GetUpper());
        var d = HorizontalMax(Vector128.Max(max256.GetLower(), max256.GetUpper())) / 127f;
        var inverse = Vector512.Create(d != 0 ? 1f / d : 0f);
        var qa = Vector512.ConvertToInt32(RoundHalfAway(a * inverse));
        var qb = Vector512.ConvertToInt32(RoundHalfAway(b * inverse));
        Vector512.Narrow(Vector512.Narrow(qa, qb), Vector512<short>.Zero).GetLower().Store(q);
        scale = HalfBits.RoundToHalf(d);
        return Vector512.Sum(qa + qb);
    }

    private static int Block256(float* x, sbyte* q, out float scale)
    {
        var v0 = Vector256.Load(x);
        var v1 = Vector256.Load(x + 8);
        var v2 = Vector256.Load(x + 16);
        var v3 = Vector256.Load(x + 24);
        var amax = Vector256.Max(Vector256.Max(Vector256.Abs(v0), Vector256.Abs(v1)), Vector256.Max(Vector256.Abs(v2), Vector256.Abs(v3)));
        var d = HorizontalMax(Vector128.Max(amax.GetLower(), amax.GetUpper())) / 127f;
        var inverse = Vector256.Create(d != 0 ? 1f / d : 0f);
        var q0 = Vector256.ConvertToInt32(RoundHalfAway(v0 * inverse));
        var q1 = Vector256.ConvertToInt32(RoundHalfAway(v1 * inverse));
        var q2 = Vector256.ConvertToInt32(RoundHalfAway(v2 * inverse));
        var q3 = Vector256.ConvertToInt32(RoundHalfAway(v3 * inverse));
        Vector256.Narrow(Vector256.Narrow(q0, q1), Vector256.Narrow(q2, q3)).Store(q);
        scale = HalfBits.RoundToHalf(d);
        return Vector256.Sum((q0 + q1) + (q2 + q3));
    }

    private static int Block128(float* x, sbyte* q, out float scale)
    {
        var amax = Vector128<float>.Zero;
        for (var j = 0; j < Block; j += 4) amax = Vector128.Max(amax, Vector128.Abs(Vector128.Load(x + j)));
        var d = HorizontalMax(amax) / 127f;
        var inverse = Vector128.Create(d != 0 ? 1f / d : 0f);
        var sum = Vector128<int>.Zero;
        for (var j = 0; j < Block; j += 16)
        {
            var q0 = Vector128.ConvertToInt32(RoundHalfAway(Vector128.Load(x + j) * inverse));
            var q1 = Vector128.ConvertToInt32(RoundHalfAway(Vector128.Load(x + j + 4) * inverse));
            var q2 = Vector128.ConvertToInt32(RoundHalfAway(Vector128.Load(x + j + 8) * inverse));
            var q3 = Vector128.ConvertToInt32(RoundHalfAway(Vector128.Load(x + j + 12) * inverse));
            Vector128.Narrow(Vector128.Narrow(q0, q1), Vector128.Narrow(q2, q3)).Store(q + j);
            sum += (q0 + q1) + (q2 + q3);
        }
        scale = HalfBits.RoundToHalf(d);
        return Vector128.Sum(sum);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float HorizontalMax(Vector128<float> v)
    {
        var m = Vector128.Max(v, Vector128.Shuffle(v, Vector128.Create(2, 3, 0, 1)));
        return MathF.Max(m.GetElement(0), m.GetElement(1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> RoundHalfAway(Vector512<float> v)
    {
        var whole = Vector512.Truncate(v);
        var away = Vector512.GreaterThanOrEqual(Vector512.Abs(v - whole), Vector512.Create(0.5f));
        return whole + (Vector512.CopySign(Vector512<float>.One, v) & away);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> RoundHalfAway(Vector256<float> v)
    {
        var whole = Vector256.Truncate(v);
        var away = Vector256.GreaterThanOrEqual(Vector256.Abs(v - whole), Vector256.Create(0.5f));
        return whole + (Vector256.CopySign(Vector256<float>.One, v) & away);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> RoundHalfAway(Vector128<float> v)
    {
        var whole = Vector128.Truncate(v);
        var away = Vector128.GreaterThanOrEqual(Vector128.Abs(v - whole), Vector128.Create(0.5f));
        return whole + (Vector128.CopySign(Vector128<float>.One, v) & away);
    }
}
