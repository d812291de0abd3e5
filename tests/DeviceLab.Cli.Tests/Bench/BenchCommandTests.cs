using System.Text.Json;

namespace DeviceLab.Cli.Tests.Bench;

public sealed class BenchCommandTests(EngineModels models) : IClassFixture<EngineModels>
{
    [Fact]
    public void The_table_shows_prefill_and_decode_throughput_with_their_spread()
    {
        var run = CliRun.Invoke("bench", models.Q4_0, "--threads", "1", "--prompt", "16", "--gen", "8", "--reps", "3", "--warmups", "0");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n');
        Assert.StartsWith("| model | size | params | backend | threads | test | t/s |", lines[0]);
        Assert.Matches(@"\| llama Q4_0 \| .* \| 1 \| pp16 \| [0-9.]+ ± [0-9.]+ \|", lines[2]);
        Assert.Matches(@"\| llama Q4_0 \| .* \| 1 \| tg8 \| [0-9.]+ ± [0-9.]+ \|", lines[3]);
        Assert.Contains("3 repetitions after 0 warm-up(s)", run.Output);
        Assert.Contains("peak RSS", run.Output);
    }

    [Fact]
    public void Json_has_the_medians_and_every_repetition()
    {
        var run = CliRun.Invoke("bench", models.F32, "--threads", "2", "--prompt", "12", "--gen", "5", "--reps", "2", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("prefill_tokens_per_s").GetDouble() > 0);
        Assert.True(root.GetProperty("decode_tokens_per_s").GetDouble() > 0);
        Assert.True(root.GetProperty("ttft_ms").GetDouble() > 0);
        Assert.True(root.GetProperty("peak_rss_bytes").GetInt64() != 0);
        Assert.Equal(2, root.GetProperty("threads").GetInt32());
        Assert.Equal("f32", root.GetProperty("file_type").GetString());
        var repetitions = root.GetProperty("repetitions").EnumerateArray().ToList();
        Assert.Equal(2, repetitions.Count);
        Assert.All(repetitions, r => Assert.Equal(5, r.GetProperty("decode_token_ms").GetArrayLength()));
    }

    [Theory]
    [InlineData("--reps", "0", "--reps must be at least 1")]
    [InlineData("--gen", "0", "--gen must be at least 1")]
    [InlineData("--threads", "0", "threads must be at least 1")]
    public void Bad_settings_are_one_clear_line(string option, string value, string message)
    {
        var run = CliRun.Invoke("bench", models.F32, option, value);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var run = CliRun.Invoke("bench", models.File("absent.gguf"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("absent.gguf", run.Error);
    }
}
