using System.Diagnostics;
using DeviceLab.Agent.Tests.Benchmark;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Tests.Commands;

/// <summary>The real program as a process: events only on stdout, logs on stderr, the documented exit codes.</summary>
public sealed class AgentProcessTests(TinyVariants variants) : IClassFixture<TinyVariants>
{
    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "devicelab-agent.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task A_run_writes_parseable_events_to_stdout_and_exits_0()
    {
        var (exit, stdout, stderr) = await RunAsync("bench", "--model", variants.Q4_0, "--prompt", "4", "--gen", "2", "--reps", "1", "--warmups", "0");

        Assert.True(exit == AgentExitCodes.Success, stderr);
        var transcript = await AgentEventTranscript.ReadAsync(new StringReader(stdout));
        Assert.Empty(transcript.ParseErrors);
        Assert.NotNull(transcript.Hello);
        Assert.Equal(2, transcript.Tokens.Count);
        Assert.Single(transcript.VariantResults);
    }

    [Fact]
    public async Task Bad_input_exits_2_with_the_reason_on_both_streams()
    {
        var (exit, stdout, stderr) = await RunAsync("bench", "--model", variants.Q4_0, "--prompt", "4", "--gen", "0");

        Assert.Equal(AgentExitCodes.BadInput, exit);
        var transcript = await AgentEventTranscript.ReadAsync(new StringReader(stdout));
        Assert.Equal(AgentErrorCodes.BadArguments, Assert.Single(transcript.Errors).Code);
        Assert.Contains("--gen: must be between 1", stderr);
    }
}
