using System.Globalization;
using System.Text.RegularExpressions;

namespace DeviceLab.Cli.Tests.Eval;

public sealed class EvalCommandTests(EngineModels models) : IClassFixture<EngineModels>
{
    [Fact]
    public void Perplexity_is_reported_with_the_tokens_and_windows_it_covers()
    {
        var run = CliRun.Invoke("eval", models.F32, "--text", models.Text, "--ctx", "64");
        Assert.Equal(0, run.ExitCode);
        var match = Regex.Match(run.Output, @"perplexity ([0-9.]+) .* over ([0-9]+) tokens, ([0-9]+) window\(s\) of up to 64 tokens");
        Assert.True(match.Success, run.Output);
        Assert.InRange(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), 1, 10_000);
    }

    [Fact]
    public void Against_a_reference_it_reports_kl_divergence_and_top1_agreement()
    {
        var self = CliRun.Invoke("eval", models.Q4_0, "--text", models.Text, "--reference", models.Q4_0, "--ctx", "48");
        Assert.Equal(0, self.ExitCode);
        Assert.Contains("mean 0.000000", self.Output);
        Assert.Contains("top-1 agreement 100.00 %", self.Output);

        var variant = CliRun.Invoke("eval", models.Q4_0, "--text", models.Text, "--reference", models.F32, "--ctx", "48");
        Assert.Equal(0, variant.ExitCode);
        var kl = Regex.Match(variant.Output, @"KL divergence from the reference: mean ([0-9.]+)");
        Assert.True(double.Parse(kl.Groups[1].Value, CultureInfo.InvariantCulture) > 0, variant.Output);
    }

    [Fact]
    public void A_missing_text_file_is_named()
    {
        var run = CliRun.Invoke("eval", models.F32, "--text", models.File("nope.txt"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nope.txt", run.Error);
    }
}
