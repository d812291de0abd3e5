using System.CommandLine;
using DeviceLab.Agent.Commands;

namespace DeviceLab.Agent.Tests.Commands;

public sealed class BenchOptionsTests
{
    private static (Agent.Benchmark.BenchRequest? Request, IReadOnlyList<string> Problems) Parse(string line)
    {
        var options = new BenchOptions();
        var command = new Command("bench");
        options.AddTo(command);
        var parse = command.Parse(line);
        Assert.Empty(parse.Errors);
        return options.ToRequest(parse);
    }

    [Fact]
    public void A_full_command_line_becomes_a_request()
    {
        var (request, problems) = Parse(
            "--model /m/f16.gguf --model /m/q4_0.gguf --sha256 " + new string('a', 64) + " --sha256 " + new string('B', 64) +
            " --prompt 128 --gen 64 --reps 5 --warmups 2 --threads 2 --seed 7 --telemetry-interval-ms 100 --sysfs-root /tmp/s --procfs-root /tmp/p" +
            " --simulated-power --max-battery-temp-c 38.5 --require-not-charging --battery-min 30 --admission-timeout-s 60 --admission-on-timeout force");

        Assert.Empty(problems);
        Assert.NotNull(request);
        Assert.Equal(["f16", "q4_0"], request.Variants.Select(v => v.Label));
        Assert.Equal(new string('B', 64), request.Variants[1].ExpectedSha256);
        Assert.Equal(128, request.Parameters.PromptTokens);
        Assert.Equal(2, request.Parameters.Warmups);
        Assert.Equal(100, request.Telemetry.IntervalMs);
        Assert.True(request.Telemetry.SimulatedPower);
        Assert.Equal("/tmp/s", request.Telemetry.SysfsRoot);
        Assert.Equal(38.5, request.Parameters.Admission.MaxBatteryTemperatureC);
        Assert.Equal(60_000, request.Parameters.Admission.TimeoutMs);
        Assert.Equal("force", request.Parameters.Admission.OnTimeout);
    }

    [Theory]
    [InlineData("--model a.gguf --prompt 0 --gen 4", "--prompt: must be between 1 and 65536, was 0")]
    [InlineData("--model a.gguf --prompt 4 --gen 99999999", "--gen: must be between 1 and 65536, was 99999999")]
    [InlineData("--model a.gguf --prompt 4 --gen 4 --reps 0", "--reps: must be between 1 and 10000, was 0")]
    [InlineData("--model a.gguf --prompt 4 --gen 4 --threads -3", "--threads: must be between 1 and 256, was -3")]
    [InlineData("--model a.gguf --prompt 4 --gen 4 --telemetry-interval-ms 0", "--telemetry-interval-ms: must be between 10 and 60000, was 0")]
    [InlineData("--model a.gguf --prompt 100 --gen 100 --ctx 128", "--ctx: 128 tokens cannot hold --prompt 100 + --gen 100")]
    [InlineData("--model a.gguf --prompt 4 --gen 4 --sha256 xyz", "--sha256: 'xyz' is not 64 hex digits")]
    [InlineData("--model a.gguf --model b.gguf --prompt 4 --gen 4 --sha256 " + "0000000000000000000000000000000000000000000000000000000000000000", "--sha256: given 1 times for 2 --model files")]
    [InlineData("--model a.gguf --model x/a.gguf --prompt 4 --gen 4 --label same --label same", "--label: 'same' names more than one variant")]
    [InlineData("--model a.gguf --prompt 4 --gen 4 --battery-min 80 --battery-max 20", "--battery-min 80 is above --battery-max 20")]
    [InlineData("--model a.gguf --prompt 4 --gen 4 --max-battery-temp-c 900", "--max-battery-temp-c: must be between -20 and 150 °C, was 900")]
    [InlineData("--model a.gguf --prompt 4 --gen 4 --admission-on-timeout maybe", "--admission-on-timeout: must be fail or force, was 'maybe'")]
    [InlineData("--model a.gguf --prompt 4 --gen 4 --admission-timeout-s 99999999", "--admission-timeout-s: must be between 0 and 86400")]
    [InlineData("--model a.gguf --prompt 4 --gen 4 --kv-type q4", "--kv-type: must be f16 or f32, was 'q4'")]
    [InlineData("--model a.gguf --prompt 4 --gen 4 --reference r.gguf", "--reference: needs --eval-text")]
    public void Absurd_parameters_are_refused_naming_the_option(string line, string expected)
    {
        var (request, problems) = Parse(line);

        Assert.Null(request);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Two_files_with_the_same_name_get_labels_by_position()
    {
        var (request, _) = Parse("--model a/m.gguf --model b/m.gguf --prompt 4 --gen 4");

        Assert.Equal(["m#1", "m#2"], request!.Variants.Select(v => v.Label));
    }
}
