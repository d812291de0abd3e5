using System.Text.Json;

namespace DeviceLab.Cli.Tests.Regressions;

public class CeilingCommandTests
{
    private static CliRun Run(params string[] args) => CliRun.Invoke(args);

    [Fact]
    public void The_detector_row_is_the_detectors_score_on_the_very_series_evaluate_replays()
    {
        var (ceilingExit, ceilingOutput, _) = Run("regressions", "ceiling", "--series", "40", "--nights", "40", "--seed", "3", "--json");
        var (evaluateExit, evaluateOutput, _) = Run("regressions", "evaluate", "--cv", "2", "--step", "5", "--series", "40", "--nights", "40", "--seed", "3",
            "--json", "--no-sweep");

        Assert.Equal(0, ceilingExit);
        Assert.Equal(0, evaluateExit);
        using var ceiling = JsonDocument.Parse(ceilingOutput);
        using var evaluate = JsonDocument.Parse(evaluateOutput);
        var gaussian = evaluate.RootElement.GetProperty("scenarios").EnumerateArray().Where(s => s.GetProperty("noise").GetString() == "Gaussian").ToList();
        var stepped = gaussian.Single(s => s.GetProperty("step").GetDouble() == 0.05);
        var quiet = gaussian.Single(s => s.GetProperty("step").GetDouble() == 0);
        var detector = ceiling.RootElement.GetProperty("rows")[0];

        Assert.Equal("detector", detector.GetProperty("noise").GetString());
        Assert.Equal(stepped.GetProperty("recall_within_3_nights").GetDouble(), detector.GetProperty("recall_within_3_nights").GetDouble());
        Assert.Equal(quiet.GetProperty("false_alarms_per_1000").GetDouble(), detector.GetProperty("false_alarms_per_1000").GetDouble());
    }

    [Fact]
    public void Every_reference_row_names_its_thresholds_and_scores()
    {
        var (exitCode, output, _) = Run("regressions", "ceiling", "--series", "10", "--nights", "40", "--json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().Skip(1).ToList();
        Assert.Equal(2 * 4 * 4, rows.Count); // two noise knowledges × the default 4 × 4 threshold grid
        Assert.Equal(16, rows.Count(r => r.GetProperty("noise").GetString() == "known"));
        Assert.All(rows, r =>
        {
            Assert.InRange(r.GetProperty("first_look_p_value").GetDouble(), 1e-4, 1e-3);
            Assert.InRange(r.GetProperty("recall_within_3_nights").GetDouble(), 0, 1);
            Assert.True(r.GetProperty("false_alarms_per_1000").GetDouble() >= 0);
        });
    }

    [Fact]
    public void The_table_ends_with_the_best_row_within_the_budget()
    {
        var (exitCode, output, _) = Run("regressions", "ceiling", "--series", "10", "--nights", "40", "--false-alarm-budget", "1000");

        Assert.Equal(0, exitCode);
        Assert.Contains("| DeviceLab detector | (its own) | (its own) |", output);
        Assert.Contains("Best recall ≤3n with at most 1000 false alarm per 1,000 series-nights:", output);
        Assert.Contains("- Newest level, σ known (z): ", output);
        Assert.DoesNotContain("no row within the budget", output);
    }

    [Theory]
    [InlineData("--cv", "0", "--cv is a percentage above 0 and below 100, got 0.")]
    [InlineData("--step", "100", "--step is a percentage above 0 and below 100, got 100.")]
    [InlineData("--nights", "10", "--nights must be at least 30, got 10.")]
    [InlineData("--series", "0", "--series must be at least 1, got 0.")]
    [InlineData("--false-alarm-budget", "-1", "--false-alarm-budget must be ≥ 0, got -1.")]
    public void Bad_options_are_named_and_nothing_runs(string option, string value, string message)
    {
        var (exitCode, output, error) = Run("regressions", "ceiling", option, value);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, error);
        Assert.DoesNotContain("replayed", output);
    }
}
