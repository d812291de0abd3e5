using DeviceLab.Core.AgentProtocol;
using DeviceLab.Server.Results;
using DeviceLab.Server.Results.Compare;
using DeviceLab.Server.Results.PeakMemory;

namespace DeviceLab.Server.Tests.Results.Compare;

public class ComparisonCsvTests
{
    private static ComparisonRow Row(string deviceModel, bool isVirtual) => new(deviceModel, 3, "tinyllama", "Q4_0", "ab12", 9,
        new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero), 2, 2, isVirtual, isVirtual, false,
        new Dictionary<string, PooledValue>
        {
            [ResultMetricView.DecodeTokensPerSecond.Key] = new(21.5, 0.75, 10, 21.4, 22.3),
            [ResultMetricView.EnergyMjPerToken.Key] = new(40.25, 2, 2, Invalid: "measured while charging"),
            [ResultMetricView.PeakMemoryBytes.Key] = new(190e6, 1e6, 2),
        })
    {
        PeakMemoryMethod = PeakMemoryMethod.For(PeakMemoryMethods.SampledResidentMax, 250),
    };

    [Fact]
    public void One_line_per_row_with_every_metric_and_its_spread_at_full_precision()
    {
        var lines = ComparisonCsv.Write([Row("Pixel 7", false)]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        var header = lines[0].Split(',');
        var values = lines[1].Split(',');
        string Field(string name) => values[Array.IndexOf(header, name)];
        Assert.Equal("21.5", Field("decode_tokens_per_second_mean"));
        Assert.Equal("0.75", Field("decode_tokens_per_second_stddev"));
        Assert.Equal("10", Field("decode_tokens_per_second_n"));
        Assert.Equal("22.3", Field("decode_tokens_per_second_p90"));
        Assert.Equal("measured while charging", Field("energy_mj_per_token_invalid"));
        Assert.Equal("", Field("perplexity_mean"));
        Assert.Equal("2026-03-01T02:00:00Z", Field("measured_at_utc"));
        Assert.Equal("false", Field("virtual_device"));
        Assert.Equal("190000000", Field("peak_memory_bytes_mean"));
        Assert.Equal("rss_sampled_max", Field(ComparisonCsv.PeakMemoryMethodColumn));
        Assert.Equal(Array.IndexOf(header, "peak_memory_bytes_invalid") + 1, Array.IndexOf(header, "peak_memory_method")); // next to its figure
    }

    [Fact]
    public void Virtual_sources_stay_marked_and_text_cannot_become_a_formula()
    {
        var csv = ComparisonCsv.Write([Row("=HYPERLINK(\"x\"), evil", true)]);

        Assert.Contains("\"'=HYPERLINK(\"\"x\"\"), evil\"", csv);
        Assert.Contains(",true,true,", csv);
    }
}
