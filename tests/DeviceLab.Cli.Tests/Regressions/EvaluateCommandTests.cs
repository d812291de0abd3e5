using System.Text.Json;

namespace DeviceLab.Cli.Tests.Regressions;

public class EvaluateCommandTests
{
    private static CliRun Run(params string[] args) => CliRun.Invoke(args);

    [Fact]
    public void Json_reports_recall_false_alarms_and_delay_per_scenario()
    {
        var (exitCode, output, _) = Run("regressions", "evaluate", "--cv", "2", "--step", "10", "--series", "8", "--nights", "40", "--json", "--no-sweep");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var scenarios = json.RootElement.GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Equal(10, scenarios.Count); // five noise models × (no step, 10 % step)
        var stepped = scenarios.Single(s => s.GetProperty("noise").GetString() == "Gaussian" && s.GetProperty("step").GetDouble() == 0.10);
        Assert.InRange(stepped.GetProperty("recall").GetDouble(), 0.75, 1.0); // 10 % steps at CV 2 % are five σ
        Assert.True(stepped.GetProperty("median_delay_nights").GetDouble() <= 3);
        Assert.True(stepped.GetProperty("false_alarms_per_1000").GetDouble() >= 0);
        var quiet = scenarios.First(s => s.GetProperty("step").GetDouble() == 0);
        Assert.Equal(JsonValueKind.Null, quiet.GetProperty("recall").ValueKind);
        Assert.Equal(0.038, json.RootElement.GetProperty("detector").GetProperty("min_relative_magnitude").GetDouble(), 12);
        Assert.Equal(6, json.RootElement.GetProperty("detector").GetProperty("new_level_nights").GetInt32());
    }

    [Fact]
    public void The_default_output_is_a_readable_table_with_the_sweep()
    {
        var (exitCode, output, _) = Run("regressions", "evaluate", "--cv", "5", "--step", "5", "--series", "3", "--nights", "40", "--sweep", "0.01", "0.001");

        Assert.Equal(0, exitCode);
        Assert.Contains("### CV 5%", output);
        Assert.Contains("| Gaussian | 5% |", output);
        Assert.Contains("p-value sweep", output);
        Assert.Contains("| 0.01 | 5% |", output);
        Assert.Contains("series-nights replayed in", output);
    }

    [Fact]
    public void Nights_with_repetitions_carry_their_spread_to_a_detector_that_uses_it()
    {
        var (exitCode, output, _) = Run("regressions", "evaluate", "--cv", "2", "--step", "5", "--series", "4", "--nights", "40", "--json", "--no-sweep",
            "--repetitions", "5", "--night-effect-share", "0.5", "--use-night-spread");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("detector").GetProperty("use_night_spread").GetBoolean());
        Assert.Equal(5, json.RootElement.GetProperty("repetitions_per_night").GetInt32());
        Assert.Equal(0.5, json.RootElement.GetProperty("night_effect_share").GetDouble());
    }

    [Theory]
    [InlineData("--repetitions", "1", "--repetitions is 0 (off) or 2–1000, got 1.")]
    [InlineData("--night-effect-share", "1.5", "--night-effect-share is a share from 0 to 1, got 1.5.")]
    [InlineData("--cv", "0", "--cv is a percentage > 0")]
    [InlineData("--series", "0", "--series must be at least 1")]
    [InlineData("--nights", "12", "--nights must be at least 30")]
    [InlineData("--p-value", "2", "MaxPValue is 2")]
    [InlineData("--new-level-p-factor", "0", "NewLevelPValueFactor is 0")]
    public void Bad_options_exit_non_zero_with_the_reason(string option, string value, string reason)
    {
        string[] small = option == "--series" ? [] : ["--series", "2"];
        var (exitCode, output, error) = Run(["regressions", "evaluate", option, value, "--no-sweep", .. small]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(reason, error + output);
    }
}
