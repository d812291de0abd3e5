using System.Text;
using DeviceLab.Agent.Commands;
using DeviceLab.Agent.Output;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Tests.Benchmark;

/// <summary>Runs <c>devicelab-agent</c> in-process with captured stdout / stderr and reads stdout back with the shared parser.</summary>
internal sealed record AgentRun(int ExitCode, string Stdout, string Stderr, AgentEventTranscript Transcript)
{
    public static async Task<AgentRun> StartAsync(params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = await AgentApplication.RunAsync(args, new AgentConsole(stdout, stderr, TimeProvider.System)).WaitAsync(TimeSpan.FromSeconds(60));
        var text = Encoding.UTF8.GetString(stdout.ToArray());
        var transcript = await AgentEventTranscript.ReadAsync(new StringReader(text));
        return new AgentRun(exit, text, stderr.ToString(), transcript);
    }

    public ErrorEvent FatalError => Assert.Single(Transcript.Errors, e => e.Fatal);

    /// <summary>Every stream is well-formed: hello first, contiguous sequence numbers, no unparsable lines.</summary>
    public void AssertWellFormed()
    {
        Assert.Empty(Transcript.ParseErrors);
        Assert.Empty(Transcript.UnknownTypes);
        Assert.Equal(0, Transcript.Duplicates);
        var events = Transcript.Events.ToList();
        Assert.NotEmpty(events);
        Assert.IsType<HelloEvent>(events[0]);
        Assert.Equal(events.Count, Transcript.ContiguousThroughSeq);
    }
}
