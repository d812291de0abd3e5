using DeviceLab.Core.Statistics;
using DeviceLab.Server.Fleet;

namespace DeviceLab.Server.Tests.Fleet;

public class DeviceNoiseTests
{
    private static SampleSummary Speed(double mean, double cv) => new(5, mean, mean * cv, mean, mean, mean, mean, mean);

    [Fact]
    public void Noise_is_the_coefficient_of_variation_within_and_between_runs()
    {
        var results = new[] { 20.0, 21.0, 19.0 }.Select(m => ("Q4_0", Speed(m, 0.01)));

        var noise = Assert.Single(DeviceNoise.Of(results));

        Assert.Equal(3, noise.Results);
        Assert.Equal(0.01, noise.WithinRunCv, 9);
        Assert.Equal(0.05, noise.BetweenRunCv!.Value, 9); // sd 1 over mean 20
        Assert.Equal("normal", noise.Level);
    }

    [Fact]
    public void Only_the_most_recent_results_count_and_levels_follow_the_thresholds()
    {
        var newestFirst = Enumerable.Range(0, 15).Select(i => ("F16", Speed(i < DeviceNoise.Recent ? 10 : 50, 0.005)));

        var quiet = Assert.Single(DeviceNoise.Of(newestFirst));
        Assert.Equal(DeviceNoise.Recent, quiet.Results);
        Assert.Equal("quiet", quiet.Level);

        var noisy = Assert.Single(DeviceNoise.Of([("Q8_0", Speed(10, 0.08))]));
        Assert.Null(noisy.BetweenRunCv); // one result: no run-to-run figure
        Assert.Equal("noisy", noisy.Level);
    }
}
