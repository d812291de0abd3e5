namespace DeviceLab.Engine.Synthesis;

/// <summary>
/// A fast seeded source of normal(0, σ) floats: xoshiro256** seeded through SplitMix64, Box–Muller
/// on 24-bit uniforms. The same seed gives the same values on every platform.
/// </summary>
internal struct SeededNormal
{
    private ulong _s0, _s1, _s2, _s3;

    public SeededNormal(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>Fills <paramref name="destination"/> with normal(0, <paramref name="sigma"/>) values.</summary>
    public void Fill(Span<float> destination, float sigma)
    {
        const float TwoPi = 2f * MathF.PI;
        const float Inv24 = 1f / (1 << 24);
        var i = 0;
        for (; i + 1 < destination.Length; i += 2)
        {
            var bits = Next();
            // (0, 1]: never 0, so the logarithm is finite.
            var u1 = ((bits >> 40) + 1) * Inv24;
            var u2 = ((bits >> 16) & 0xFFFFFF) * Inv24;
            var radius = sigma * MathF.Sqrt(-2f * MathF.Log(u1));
            var (sin, cos) = MathF.SinCos(TwoPi * u2);
            destination[i] = radius * cos;
            destination[i + 1] = radius * sin;
        }
        if (i < destination.Length)
        {
            var bits = Next();
            var u1 = ((bits >> 40) + 1) * Inv24;
            var u2 = ((bits >> 16) & 0xFFFFFF) * Inv24;
            destination[i] = sigma * MathF.Sqrt(-2f * MathF.Log(u1)) * MathF.Cos(TwoPi * u2);
        }
    }

    private ulong Next()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>A seed for one chunk of one tensor, independent of how chunks are scheduled.</summary>
    public static ulong ChunkSeed(ulong modelSeed, string tensorName, long chunk)
    {
        // FNV-1a over the name: string.GetHashCode is randomized per process.
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in tensorName) hash = (hash ^ c) * 0x100000001B3UL;
        var state = modelSeed ^ hash;
        var mixed = SplitMix(ref state);
        state = mixed ^ (ulong)chunk * 0xD1B54A32D192ED03UL;
        return SplitMix(ref state);
    }
}
