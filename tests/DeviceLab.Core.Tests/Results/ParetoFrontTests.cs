using DeviceLab.Core.Regressions;
using DeviceLab.Core.Results;

namespace DeviceLab.Core.Tests.Results;

public class ParetoFrontTests
{
    // Speed (tokens/s, higher better) against perplexity (lower better): F16 slow and exact, Q4_0 fast and worse.
    private static readonly (double X, double Y)[] Variants =
    [
        (10.0, 8.00),  // 0 F16: best quality
        (18.0, 8.05),  // 1 Q8_0: faster, nearly as good
        (30.0, 8.60),  // 2 Q4_0: fastest
        (17.0, 8.30),  // 3 dominated by Q8_0 (slower and worse)
        (9.0, 8.00),   // 4 same quality as F16 but slower: dominated
    ];

    [Fact]
    public void Keeps_the_variants_nothing_beats_on_both_axes_in_order_of_x()
    {
        var front = ParetoFront.Of(Variants, MetricDirection.HigherIsBetter, MetricDirection.LowerIsBetter);

        Assert.Equal([0, 1, 2], front);
    }

    [Fact]
    public void Direction_of_each_axis_changes_the_front()
    {
        // Energy (mJ/token, lower better) against perplexity (lower better).
        (double, double)[] points = [(50, 8.0), (30, 8.1), (20, 8.6), (40, 8.7), (20, 8.9)];

        var front = ParetoFront.Of(points, MetricDirection.LowerIsBetter, MetricDirection.LowerIsBetter);

        Assert.Equal([2, 1, 0], front);
    }

    [Fact]
    public void Identical_points_do_not_dominate_each_other()
    {
        (double, double)[] points = [(10, 1), (10, 1), (5, 2)];

        var front = ParetoFront.Of(points, MetricDirection.HigherIsBetter, MetricDirection.LowerIsBetter);

        Assert.Equal([0, 1], front);
    }

    [Fact]
    public void A_point_equal_on_one_axis_and_worse_on_the_other_is_dominated()
    {
        (double, double)[] points = [(10, 1), (10, 2), (12, 1)];

        var front = ParetoFront.Of(points, MetricDirection.HigherIsBetter, MetricDirection.LowerIsBetter);

        Assert.Equal([2], front);
    }

    [Fact]
    public void Empty_and_single_inputs()
    {
        Assert.Empty(ParetoFront.Of([], MetricDirection.HigherIsBetter, MetricDirection.LowerIsBetter));
        Assert.Equal([0], ParetoFront.Of([(3.0, 4.0)], MetricDirection.HigherIsBetter, MetricDirection.LowerIsBetter));
    }

    [Fact]
    public void Matches_a_brute_force_dominance_check_on_random_points()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            // Coarse coordinates so ties on an axis happen often.
            var points = Enumerable.Range(0, random.Next(1, 15))
                .Select(_ => ((double)random.Next(0, 6), (double)random.Next(0, 6))).ToArray();
            var expected = Enumerable.Range(0, points.Length)
                .Where(i => !points.Any(q => q.Item1 >= points[i].Item1 && q.Item2 <= points[i].Item2 && q != points[i]))
                .ToHashSet();

            var front = ParetoFront.Of(points, MetricDirection.HigherIsBetter, MetricDirection.LowerIsBetter);

            Assert.Equal(expected.Order(), front.Order());
        }
    }

    [Fact]
    public void A_non_finite_coordinate_is_refused_naming_the_point()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ParetoFront.Of([(1.0, 2.0), (double.NaN, 1.0)], MetricDirection.HigherIsBetter, MetricDirection.LowerIsBetter));

        Assert.Contains("Point 1", error.Message);
    }
}
