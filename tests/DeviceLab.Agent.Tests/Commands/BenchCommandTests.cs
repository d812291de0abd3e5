using DeviceLab.Agent.Tests.Benchmark;
using DeviceLab.Agent.Tests.Telemetry;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Tests.Commands;

/// <summary>The <c>bench</c> command end to end in-process: bad input gives a clear error event and the documented exit code, never a hang.</summary>
public sealed class BenchCommandTests(TinyVariants variants) : IClassFixture<TinyVariants>, IDisposable
{
    private readonly PreparedKernelTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private string[] Bench(params string[] extra) =>
        ["bench", "--prompt", "6", "--gen", "3", "--reps", "1", "--warmups", "0", "--sysfs-root", _tree.SysfsRoot, "--procfs-root", _tree.ProcfsRoot, .. extra];

    [Fact]
    public async Task A_good_run_exits_0_with_only_events_on_stdout()
    {
        var run = await AgentRun.StartAsync(Bench("--model", variants.Q4_0));

        Assert.Equal(AgentExitCodes.Success, run.ExitCode);
        run.AssertWellFormed();
        Assert.Single(run.Transcript.VariantResults);
        Assert.Equal(3, run.Transcript.Tokens.Count);
        Assert.All(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("{\"type\":", line));
    }

    [Fact]
    public async Task A_missing_variant_file_exits_2_naming_the_file()
    {
        var run = await AgentRun.StartAsync(Bench("--model", "/nonexistent/m.gguf"));

        Assert.Equal(AgentExitCodes.BadInput, run.ExitCode);
        run.AssertWellFormed();
        Assert.Equal(AgentErrorCodes.VariantMissing, run.FatalError.Code);
        Assert.Contains("/nonexistent/m.gguf does not exist", run.FatalError.Message);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("wrong-magic")]
    [InlineData("garbage")]
    public async Task A_corrupt_variant_file_exits_2_with_the_engines_reason(string damage)
    {
        var path = variants.Corrupted($"{damage}.gguf", bytes => damage switch
        {
            "truncated" => bytes[..(bytes.Length / 3)],
            "wrong-magic" => [(byte)'G', (byte)'G', (byte)'U', (byte)'X', .. bytes[4..]],
            _ => [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31))],
        });

        var run = await AgentRun.StartAsync(Bench("--model", variants.Q4_0, "--model", path));

        Assert.Equal(AgentExitCodes.BadInput, run.ExitCode);
        run.AssertWellFormed();
        Assert.Equal(AgentErrorCodes.VariantInvalid, run.FatalError.Code);
        Assert.Equal(damage, run.FatalError.Variant);
        Assert.Contains(path, run.FatalError.Message);
        Assert.Empty(run.Transcript.RepetitionResults);
    }

    [Fact]
    public async Task A_sha256_mismatch_exits_2_before_anything_runs()
    {
        var run = await AgentRun.StartAsync(Bench("--model", variants.Q4_0, "--sha256", new string('0', 64)));

        Assert.Equal(AgentExitCodes.BadInput, run.ExitCode);
        run.AssertWellFormed();
        Assert.Equal(AgentErrorCodes.Sha256Mismatch, run.FatalError.Code);
        Assert.Contains("expected 0000", run.FatalError.Message);
        Assert.Empty(run.Transcript.Phases);
    }

    [Theory]
    [InlineData("--gen", "0", "--gen: must be between 1")]
    [InlineData("--threads", "100000", "--threads: must be between 1 and 256")]
    [InlineData("--prompt", "many", "many")]
    [InlineData("--no-such-option", "1", "--no-such-option")]
    public async Task Absurd_or_unparsable_arguments_exit_2_with_an_error_event(string option, string value, string expected)
    {
        string[] args = ["bench", "--model", variants.Q4_0, "--sysfs-root", _tree.SysfsRoot, "--prompt", "6", "--gen", "3"];
        // Replace the option's value when it is already there, add it otherwise.
        var at = Array.IndexOf(args, option);
        var run = await AgentRun.StartAsync(at >= 0 ? [.. args[..(at + 1)], value, .. args[(at + 2)..]] : [.. args, option, value]);

        Assert.Equal(AgentExitCodes.BadInput, run.ExitCode);
        run.AssertWellFormed();
        Assert.Equal(AgentErrorCodes.BadArguments, run.FatalError.Code);
        Assert.Contains(expected, run.FatalError.Message);
        Assert.Contains(expected, run.Stderr);
    }

    [Fact]
    public async Task A_prompt_longer_than_the_models_context_is_refused()
    {
        var run = await AgentRun.StartAsync(["bench", "--model", variants.Q4_0, "--prompt", "600", "--gen", "4", "--sysfs-root", _tree.SysfsRoot]);

        Assert.Equal(AgentExitCodes.BadInput, run.ExitCode);
        Assert.Contains("do not fit the 512-token context", run.FatalError.Message);
    }

    [Fact]
    public async Task Unreadable_telemetry_files_are_warnings_and_the_run_completes()
    {
        _tree.MakeUnreadable("class/power_supply/battery/voltage_now");
        _tree.MakeUnreadable("class/thermal/thermal_zone0/temp");

        var run = await AgentRun.StartAsync(Bench("--model", variants.Q4_0));

        Assert.Equal(AgentExitCodes.Success, run.ExitCode);
        run.AssertWellFormed();
        Assert.Contains(run.Transcript.Errors, e => !e.Fatal && e.Code == AgentErrorCodes.TelemetryUnavailable && e.Message.Contains("voltage_now"));
        Assert.Contains(run.Transcript.Samples, s => s.Source == SampleSource.Unavailable && s.Metric == TelemetryMetrics.ThermalZone);
        var energy = Assert.Single(run.Transcript.RepetitionResults).Energy!.Decode;
        Assert.False(energy.Valid);
        Assert.DoesNotContain(run.Transcript.Errors, e => e.Fatal);
    }

    [Fact]
    public async Task Quality_stands_next_to_speed_with_kl_divergence_against_the_reference()
    {
        var text = Path.Combine(variants.Directory, "eval.txt");
        await File.WriteAllTextAsync(text, string.Join(" ", Enumerable.Repeat("once upon a time a small model read a story about tokens", 8)));

        var run = await AgentRun.StartAsync(Bench("--model", variants.F32, "--model", variants.Q4_0, "--eval-text", text, "--reference", variants.F32, "--eval-ctx", "32"));

        Assert.Equal(AgentExitCodes.Success, run.ExitCode);
        run.AssertWellFormed();
        var reference = Assert.Single(run.Transcript.VariantResults, r => r.Variant == "tiny-f32").Quality!;
        var quantized = Assert.Single(run.Transcript.VariantResults, r => r.Variant == "tiny-q4_0").Quality!;
        Assert.Equal("tiny-f32", reference.ReferenceVariant);
        Assert.Null(reference.KlDivergence);
        Assert.True(reference.Perplexity > 1);
        Assert.Equal(32, quantized.ContextTokens);
        Assert.True(quantized.KlDivergence > 0);
        Assert.InRange(quantized.Top1Agreement!.Value, 0, 1);
        Assert.True(quantized.EvaluatedTokens > 0);
    }

    [Fact]
    public async Task A_missing_evaluation_text_is_refused_before_measuring()
    {
        var run = await AgentRun.StartAsync(Bench("--model", variants.Q4_0, "--eval-text", "/nonexistent/eval.txt"));

        Assert.Equal(AgentExitCodes.BadInput, run.ExitCode);
        Assert.Equal(AgentErrorCodes.EvaluationInputInvalid, run.FatalError.Code);
        Assert.Contains("/nonexistent/eval.txt", run.FatalError.Message);
        Assert.Empty(run.Transcript.RepetitionResults);
    }
}
