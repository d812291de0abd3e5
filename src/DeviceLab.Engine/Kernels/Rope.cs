namespace DeviceLab.Engine.Kernels;

/// <summary>
/// Rotary position embedding, GGUF llama layout: element 2i and 2i+1 of each head rotate together by
/// pos · base^(−2i/d), d the rotated dimensions per head. The cos/sin for a position are computed once
/// (in double) and shared by every head of every layer.
/// </summary>
internal static unsafe class Rope
{
    /// <summary>Fills (d/2) cos and sin values for <paramref name="position"/>.</summary>
    public static void Angles(int position, int rotatedDimensions, float freqBase, float* cos, float* sin)
    {
        for (var i = 0; i < rotatedDimensions / 2; i++)
        {
            var angle = position * Math.Pow(freqBase, -2.0 * i / rotatedDimensions);
            cos[i] = (float)Math.Cos(angle);
            sin[i] = (float)Math.Sin(angle);
        }
    }

    /// <summary>Rotates the first d dimensions of each of <paramref name="heads"/> heads of <paramref name="headDimension"/> at <paramref name="x"/>.</summary>
    public static void Apply(float* x, int heads, int headDimension, int rotatedDimensions, float* cos, float* sin)
    {
        for (var h = 0; h < heads; h++)
        {
            var head = x + h * headDimension;
            for (var i = 0; i < rotatedDimensions / 2; i++)
            {
                var x0 = head[2 * i];
                var x1 = head[2 * i + 1];
                head[2 * i] = x0 * cos[i] - x1 * sin[i];
                head[2 * i + 1] = x0 * sin[i] + x1 * cos[i];
            }
        }
    }
}
