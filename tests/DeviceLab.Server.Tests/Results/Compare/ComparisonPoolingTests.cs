using DeviceLab.Core.Statistics;
using DeviceLab.Server.Results;
using DeviceLab.Server.Results.Compare;

namespace DeviceLab.Server.Tests.Results.Compare;

public class ComparisonPoolingTests
{
    private static ResultSlice Slice(long device, double[] speeds, double? energy = 40, bool energyValid = true, bool isVirtual = false) => new()
    {
        DeviceModel = "Pixel 7", DeviceId = device, VariantId = 3, ModelName = "tinyllama", QuantType = "Q4_0", RunId = 9, RunJobId = device, Attempt = 1,
        CreatedAt = DateTimeOffset.UnixEpoch, IsVirtual = isVirtual,
        DecodeTokensPerSecond = SampleSummary.Of(speeds), DecodeMsPerToken = SampleSummary.Of(speeds.Select(s => 1000 / s)),
        EnergyMjPerToken = energy, EnergyValid = energyValid, EnergyMethod = "voltage_current", PeakMemoryBytes = 300L << 20, Perplexity = 8.4,
    };

    [Fact]
    public void One_result_keeps_its_own_percentiles()
    {
        var row = ComparisonPooling.Pool([Slice(1, [20, 21, 22, 23, 24])], timings: null);

        var speed = row[ResultMetricView.DecodeTokensPerSecond];
        Assert.Equal(22, speed.Mean!.Value, 9);
        Assert.Equal(22, speed.P50!.Value, 9);
        Assert.Equal(23.6, speed.P90!.Value, 9);
        Assert.Equal(5, speed.Count);
    }

    [Fact]
    public void Several_devices_pool_exactly_and_take_percentiles_from_their_token_timings()
    {
        var timings = new RowTokenTimings([[50, 50, 50, 50], [40, 40, 40, 40], [25, 25, 25, 25]]); // 20, 25 and 40 tokens/s

        var row = ComparisonPooling.Pool([Slice(1, [20, 25]), Slice(2, [40])], timings);

        var speed = row[ResultMetricView.DecodeTokensPerSecond];
        Assert.Equal(3, speed.Count);
        Assert.Equal(85.0 / 3, speed.Mean!.Value, 9);
        Assert.Equal(SampleSummary.Of([20.0, 25, 40]).StdDev, speed.StdDev!.Value, 9);
        Assert.Equal(25, speed.P50!.Value, 9);
        Assert.Equal(2, row.Devices);
        Assert.Equal(40, row[ResultMetricView.DecodeMsPerToken].P50!.Value, 9);
    }

    [Fact]
    public void Invalid_energy_is_left_out_and_shown_only_when_nothing_valid_is_there()
    {
        var mixed = ComparisonPooling.Pool([Slice(1, [20], energy: 40), Slice(2, [20], energy: 80, energyValid: false)], null);
        Assert.Equal(40, mixed[ResultMetricView.EnergyMjPerToken].Mean!.Value, 9);
        Assert.Null(mixed[ResultMetricView.EnergyMjPerToken].Invalid);
        Assert.Contains("1 invalid figure(s) left out", mixed[ResultMetricView.EnergyMjPerToken].Note);

        var invalid = ComparisonPooling.Pool([Slice(1, [20], energy: 80, energyValid: false)], null);
        Assert.NotNull(invalid[ResultMetricView.EnergyMjPerToken].Invalid);
    }

    [Fact]
    public void A_virtual_result_marks_the_row_and_missing_metrics_stay_missing()
    {
        var row = ComparisonPooling.Pool([Slice(1, [20], isVirtual: true)], null);

        Assert.True(row.IsVirtual);
        Assert.False(row[ResultMetricView.KlDivergence].HasValue);
        Assert.False(row[ResultMetricView.PrefillTokensPerSecond].HasValue);
    }
}
