namespace DeviceLab.Cli.Tests.Generate;

public sealed class GenerateCommandTests(EngineModels models) : IClassFixture<EngineModels>
{
    [Fact]
    public void The_same_seed_generates_the_same_text_and_timing_goes_to_stderr()
    {
        string[] args = ["generate", models.Q4_0, "--prompt", "the quick brown", "--tokens", "12", "--temp", "0.9", "--seed", "4"];
        var first = CliRun.Invoke(args);
        var second = CliRun.Invoke(args);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Output, second.Output);
        Assert.False(string.IsNullOrWhiteSpace(first.Output));
        Assert.Contains("generated in", first.Error);
        Assert.DoesNotContain("generated in", first.Output);
    }

    [Fact]
    public void Greedy_generation_does_not_depend_on_the_seed()
    {
        var a = CliRun.Invoke("generate", models.F32, "--prompt", "over the", "--tokens", "10", "--temp", "0", "--seed", "1");
        var b = CliRun.Invoke("generate", models.F32, "--prompt", "over the", "--tokens", "10", "--temp", "0", "--seed", "2");
        Assert.Equal(a.Output, b.Output);
    }

    [Fact]
    public void A_bad_sampling_option_is_named()
    {
        var run = CliRun.Invoke("generate", models.F32, "--prompt", "x", "--top-p", "1.5");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("top-p", run.Error);
    }
}
