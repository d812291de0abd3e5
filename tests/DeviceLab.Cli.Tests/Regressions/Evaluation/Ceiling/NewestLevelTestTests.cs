using DeviceLab.Cli.Regressions.Evaluation.Ceiling;
using DeviceLab.Core.Regressions.Triage;

namespace DeviceLab.Cli.Tests.Regressions.Evaluation.Ceiling;

public class NewestLevelTestTests
{
    // 50 ± 0.5 ms/token, alternating, then the same around 50 + rise from night 30 on.
    private static double[] StepAt30(double rise) =>
        Enumerable.Range(0, 45).Select(night => (night >= 30 ? 50 + rise : 50) + (night % 2 == 0 ? -0.5 : 0.5)).ToArray();

    [Theory]
    [InlineData(NoiseKnowledge.OwnNights)]
    [InlineData(NoiseKnowledge.Known)]
    public void A_clean_slowdown_is_one_regression_opened_by_its_third_night(NoiseKnowledge noise)
    {
        // 3 σ of one night. The test opens on the first look that passes, which may take in the last old night: the
        // record can be placed one night early (the harness tolerates two), never later.
        var opened = new NewestLevelTest(1e-4, 1e-3, noise, KnownSigma: 0.5).Replay(StepAt30(1.5));

        var record = Assert.Single(opened);
        Assert.Equal(ChangeKind.Regression, record.Kind);
        Assert.InRange(record.FirstBadNightAtOpen, 29, 30);
        Assert.InRange(record.OpenedNight, 31, 30 + NewestLevelTest.FirstLookNights - 1);
    }

    [Fact]
    public void A_faster_level_is_an_improvement()
    {
        var record = Assert.Single(new NewestLevelTest(1e-4, 1e-3, NoiseKnowledge.OwnNights).Replay(StepAt30(-5)));

        Assert.Equal(ChangeKind.Improvement, record.Kind);
    }

    [Fact]
    public void A_step_that_fails_the_first_looks_threshold_is_taken_by_a_later_look()
    {
        // The same 3 σ step, with a first look too strict for it: on night 32 the 4-night look (one old night and three
        // new ones, z ≈ 4.2) passes p 1e-3 — one night early, within the harness's ±2-night tolerance.
        var opened = new NewestLevelTest(1e-12, 1e-3, NoiseKnowledge.Known, KnownSigma: 0.5).Replay(StepAt30(1.5));

        var record = Assert.Single(opened);
        Assert.Equal(32, record.OpenedNight);
        Assert.Equal(29, record.FirstBadNightAtOpen);
    }

    [Fact]
    public void Noise_alone_opens_nothing_at_a_strict_threshold()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 200).Select(_ => 50 + random.NextDouble() - 0.5).ToArray();

        Assert.Empty(new NewestLevelTest(1e-9, 1e-9, NoiseKnowledge.OwnNights).Replay(values));
    }

    [Fact]
    public void Nothing_is_tested_before_the_baseline_has_its_nights()
    {
        double[] JumpAt(int night, int nights) =>
            Enumerable.Range(0, nights).Select(n => (n >= night ? 60.0 : 50) + (n % 2 == 0 ? -0.5 : 0.5)).ToArray();
        var test = new NewestLevelTest(1e-3, 1e-3, NoiseKnowledge.OwnNights);

        // A jump after 9 nights is never judged while it has fewer than 10 nights before it...
        Assert.Empty(test.Replay(JumpAt(NewestLevelTest.MinBaselineNights - 1, NewestLevelTest.MinBaselineNights + 2)));
        // ...and after 10 it is, on its first look.
        var record = Assert.Single(test.Replay(JumpAt(NewestLevelTest.MinBaselineNights, NewestLevelTest.MinBaselineNights + 3)));
        Assert.Equal(NewestLevelTest.MinBaselineNights, record.FirstBadNightAtOpen);
    }

    [Fact]
    public void A_known_noise_test_without_sigma_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new NewestLevelTest(1e-3, 1e-3, NoiseKnowledge.Known).Replay(StepAt30(5)));

        Assert.Contains("σ > 0", error.Message);
    }
}
