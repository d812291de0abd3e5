using System.Buffers;

namespace DeviceLab.Core.Regressions.Detection;

/// <summary>
/// The E-divisive-means split criterion (Matteson &amp; James 2014) over one window of nights: for
/// X = z[s, τ) and Y = z[τ, κ) with n = |X|, m = |Y| it scores
/// <code>
/// Q(τ, κ) = n·m/(n+m) · ( 2/(n·m) Σ|xᵢ−yⱼ| − Σᵢ&lt;ₖ|xᵢ−xₖ| / C(n,2) − Σⱼ&lt;ₖ|yⱼ−yₖ| / C(m,2) ),
/// </code>
/// the energy distance between the two sides weighted by their sizes; the τ of the largest Q is the
/// best candidate change point of [s, e). Letting κ stop short of e lets a change be seen without the
/// noise of later levels (Hunter's observation).
/// </summary>
/// <remarks>
/// Every pairwise sum above is a difference of one table, W(a, b) = Σ_{a ≤ i &lt; k &lt; b} |zᵢ − zₖ|:
/// the within-X sum is W(s, τ), within-Y is W(τ, κ) and the cross sum is W(s, κ) − W(s, τ) − W(τ, κ).
/// Building W takes O(L²) for a window of L nights and each Q is then O(1), so one search costs O(L²).
/// </remarks>
internal sealed class EnergyDivergence : IDisposable
{
    private readonly int _stride;   // L + 1
    private readonly double[] _within; // W(a, b) at [a * stride + b], 0 ≤ a ≤ b ≤ L

    public EnergyDivergence(ReadOnlySpan<double> window)
    {
        var length = window.Length;
        _stride = length + 1;
        _within = ArrayPool<double>.Shared.Rent(_stride * _stride);
        Array.Clear(_within, 0, _stride * _stride);
        for (var j = 0; j < length; j++)
        {
            // Adding point j to every range [a, j) adds Σ_{a ≤ i < j} |zᵢ − zⱼ|, accumulated from a = j − 1 down.
            double toJ = 0;
            for (var a = j - 1; a >= 0; a--)
            {
                toJ += Math.Abs(window[a] - window[j]);
                _within[a * _stride + j + 1] = _within[a * _stride + j] + toJ;
            }
        }
    }

    /// <summary>The best split τ of window range [start, end) with both sides at least
    /// <paramref name="minSegment"/> long, or null when the range is too short.</summary>
    public (int Index, double Score)? BestSplit(int start, int end, int minSegment)
    {
        (int, double)? best = null;
        var bestScore = double.NegativeInfinity;
        for (var tau = start + minSegment; tau <= end - minSegment; tau++)
        {
            var n = tau - start;
            var withinX = W(start, tau);
            for (var kappa = tau + minSegment; kappa <= end; kappa++)
            {
                var m = kappa - tau;
                var withinY = W(tau, kappa);
                var cross = W(start, kappa) - withinX - withinY;
                var score = (2 * cross - 2.0 * m * withinX / (n - 1) - 2.0 * n * withinY / (m - 1)) / (n + m);
                if (score > bestScore)
                {
                    bestScore = score;
                    best = (tau, score);
                }
            }
        }
        return best;
    }

    private double W(int a, int b) => _within[a * _stride + b];

    public void Dispose() => ArrayPool<double>.Shared.Return(_within);
}
