using DeviceLab.Core.Regressions.Triage;
using DeviceLab.Core.Statistics;

namespace DeviceLab.Cli.Regressions.Evaluation.Ceiling;

/// <summary>What a reference test knows about a series' noise.</summary>
public enum NoiseKnowledge
{
    /// <summary>Only what the series' own nights show: Student's t with the pooled scatter of the nights.</summary>
    OwnNights,

    /// <summary>The true σ of one night, given to the test (a z-test): what no product can know, so an upper bound.</summary>
    Known,
}

/// <summary>
/// A reference for the detector, not a product part: the most direct test of the question the deadline asks — has
/// the newest level moved? Each night t it compares the last k = 3 and k = 4 nights with every night before them since
/// the last level it reported (at least <see cref="MinBaselineNights"/>), two-sided, with no search over earlier split
/// points, no outlier filter and no magnitude floor. k = 4 is the step's deadline night; a k = 5 look could only find
/// steps after the deadline and would spend false alarms. The first look (k = 3) has its own threshold, as the
/// detector's new-level rule does (docs/decisions/0106). The first look to pass opens a record at night t − k + 1.
/// </summary>
/// <remarks>
/// For Gaussian nights, a fixed split and σ unknown, Student's t is the most powerful test that does not depend on the
/// level or scale of the series (the uniformly most powerful invariant test); sweeping its two thresholds therefore
/// bounds what any detector that sees only the series' own nights can reach on the harness's Gaussian scenario
/// (docs/decisions/0107). With <see cref="NoiseKnowledge.Known"/> it shows what knowing the noise would be worth.
/// </remarks>
/// <param name="FirstLookPValue">Threshold of the k = 3 look.</param>
/// <param name="LaterLookPValue">Threshold of the k = 4 and 5 looks.</param>
/// <param name="Noise">What the test knows about the noise.</param>
/// <param name="KnownSigma">σ of one night when <paramref name="Noise"/> is <see cref="NoiseKnowledge.Known"/>, in the series' unit.</param>
public sealed record NewestLevelTest(double FirstLookPValue, double LaterLookPValue, NoiseKnowledge Noise, double KnownSigma = 0)
{
    public const int FirstLookNights = 3;
    public const int LastLookNights = 4;
    public const int MinBaselineNights = 10;

    /// <summary>Replays <paramref name="values"/> (ms/token: up is a regression) night by night; the records it opened.</summary>
    public List<SeriesReplay.Opened> Replay(double[] values)
    {
        if (Noise == NoiseKnowledge.Known && !(KnownSigma > 0))
            throw new ArgumentOutOfRangeException(nameof(KnownSigma), KnownSigma, "A known-noise test needs σ > 0.");
        var sums = new RunningSums(values);
        var opened = new List<SeriesReplay.Opened>();
        var levelStart = 0;
        for (var night = 0; night < values.Length; night++)
        {
            for (var look = FirstLookNights; look <= LastLookNights; look++)
            {
                var split = night - look + 1;
                if (split - levelStart < MinBaselineNights) continue;
                var (pValue, rise) = Compare(sums, levelStart, split, night + 1);
                if (pValue >= (look == FirstLookNights ? FirstLookPValue : LaterLookPValue)) continue;
                opened.Add(new SeriesReplay.Opened(night, split, split, rise > 0 ? ChangeKind.Regression : ChangeKind.Improvement));
                levelStart = split;
                break;
            }
        }
        return opened;
    }

    private (double PValue, double Rise) Compare(RunningSums sums, int start, int split, int end)
    {
        int before = split - start, after = end - split;
        var rise = sums.Mean(split, end) - sums.Mean(start, split);
        var spread = 1.0 / before + 1.0 / after;
        if (Noise == NoiseKnowledge.Known) return (StandardNormal.TwoSidedPValue(rise / (KnownSigma * Math.Sqrt(spread))), rise);

        var freedom = before + after - 2;
        var pooled = (sums.SquaredDeviations(start, split) + sums.SquaredDeviations(split, end)) / freedom;
        if (pooled <= 0) return (rise == 0 ? 1 : 0, rise);
        return (StudentTDistribution.TwoSidedPValue(rise / Math.Sqrt(pooled * spread), freedom), rise);
    }

    // Prefix sums of the values and their squares, shifted by the first night so the squares keep their precision.
    private sealed class RunningSums
    {
        private readonly double[] _sum, _squares;

        public RunningSums(double[] values)
        {
            _sum = new double[values.Length + 1];
            _squares = new double[values.Length + 1];
            var shift = values.Length > 0 ? values[0] : 0;
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i] - shift;
                _sum[i + 1] = _sum[i] + v;
                _squares[i + 1] = _squares[i] + v * v;
            }
        }

        public double Mean(int from, int to) => (_sum[to] - _sum[from]) / (to - from);

        public double SquaredDeviations(int from, int to)
        {
            var sum = _sum[to] - _sum[from];
            return Math.Max(0, _squares[to] - _squares[from] - sum * sum / (to - from));
        }
    }
}
