using System.Security.Cryptography;
using DeviceLab.Agent.Network;
using DeviceLab.Agent.Output;
using DeviceLab.Agent.Tests.Benchmark;
using DeviceLab.Agent.Tests.Telemetry;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Tests.Network;

/// <summary>Network mode against a real SignalR hub on loopback: job in, variants downloaded, events out, drops survived.</summary>
public sealed class NetworkAgentTests(TinyVariants variants) : IClassFixture<TinyVariants>, IAsyncLifetime
{
    private readonly PreparedKernelTree _tree = new();
    private readonly string _work = Directory.CreateTempSubdirectory("devicelab-agent-work-").FullName;
    private TestAgentServer _server = null!;

    public async Task InitializeAsync() => _server = await TestAgentServer.StartAsync(variants.Directory);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _tree.Dispose();
        Directory.Delete(_work, true);
    }

    private static AgentJobVariant Served(string path, string label) =>
        new(label, $"/variants/{Path.GetFileName(path)}", Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), new FileInfo(path).Length);

    private ConnectOptions Options(string token = TestAgentServer.Token) => new(_server.Address, token, _work, Once: true,
        SysfsRoot: _tree.SysfsRoot, ProcfsRoot: _tree.ProcfsRoot, ReconnectBaseDelay: TimeSpan.FromMilliseconds(50), BatchLines: 10);

    [Fact]
    public async Task A_job_runs_and_every_event_arrives_once_despite_a_dropped_connection_and_download()
    {
        _server.State.Job = new AgentJob("job-42", [Served(variants.F32, "f32"), Served(variants.Q4_0, "q4_0")],
            new BenchParameters { PromptTokens = 8, GeneratedTokens = 4, Repetitions = 2, Warmups = 0, TelemetryIntervalMs = 50 });
        _server.State.DropConnectionAfterBatch = 2;
        _server.State.CutFirstDownloadAfterBytes = 100_000;
        var log = new StringWriter();

        await using var agent = new NetworkAgent(Options(), new AgentConsole(Stream.Null, TextWriter.Synchronized(log), TimeProvider.System));
        var exit = await agent.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(AgentExitCodes.Success, exit);
        var outcome = await _server.State.Completed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(new AgentJobOutcome("job-42", 0, outcome.LastSeq), outcome);
        Assert.Empty(_server.State.ParseErrors);
        Assert.Equal(outcome.LastSeq, _server.State.StoredThroughSeq());
        Assert.Equal(outcome.LastSeq, _server.State.Events.Count);
        // The batch stored but not acknowledged before the drop was sent again and dropped by sequence number.
        Assert.True(_server.State.Duplicates > 0, "no events were re-sent after the drop");
        Assert.True(_server.State.Registrations.Count >= 2, log.ToString());
        Assert.Equal("job-42", _server.State.Registrations.Last().RunningJobId);
        Assert.Contains(_server.State.RangeHeaders, r => r is not null);

        var transcript = new AgentEventTranscript();
        foreach (var e in _server.State.Events.Values) transcript.Add(e);
        Assert.Equal("network", transcript.Hello!.Mode);
        Assert.Equal(2 * 2 * 4, transcript.Tokens.Count);
        Assert.Equal(2, transcript.VariantResults.Count);
        Assert.DoesNotContain(transcript.Errors, e => e.Fatal);
    }

    [Fact]
    public async Task A_variant_whose_sha256_does_not_match_fails_the_job_with_exit_2_and_an_error_event()
    {
        var wrong = Served(variants.Q4_0, "q4_0") with { Sha256 = new string('1', 64) };
        _server.State.Job = new AgentJob("job-bad", [wrong], new BenchParameters { PromptTokens = 8, GeneratedTokens = 4, Repetitions = 1 });

        await using var agent = new NetworkAgent(Options(), new AgentConsole(Stream.Null, TextWriter.Null, TimeProvider.System));
        var exit = await agent.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(AgentExitCodes.BadInput, exit);
        var outcome = await _server.State.Completed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(AgentExitCodes.BadInput, outcome.ExitCode);
        Assert.IsType<HelloEvent>(_server.State.Events[1]);
        var error = Assert.IsType<ErrorEvent>(_server.State.Events[2]);
        Assert.Equal(AgentErrorCodes.Sha256Mismatch, error.Code);
    }

    [Fact]
    public async Task A_refused_device_token_ends_with_exit_2_instead_of_retrying_forever()
    {
        var log = new StringWriter();
        await using var agent = new NetworkAgent(Options("wrong-token"), new AgentConsole(Stream.Null, log, TimeProvider.System));

        var exit = await agent.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(AgentExitCodes.BadInput, exit);
        Assert.Contains("refused the device token", log.ToString());
    }
}
