using System.CommandLine;
using DeviceLab.Agent.Benchmark;
using DeviceLab.Agent.Device;
using DeviceLab.Agent.Output;
using DeviceLab.Agent.Telemetry;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Commands;

/// <summary><c>devicelab-agent bench</c>: ADB mode. Events go to stdout as JSON lines, logs to stderr; the exit code says how it ended.</summary>
public static class BenchCommand
{
    public static Command Create(AgentConsole console)
    {
        var command = new Command("bench", "Benchmark one or more variant files (interleaved) and stream JSON-lines events to stdout");
        var options = new BenchOptions();
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(options, parse, console, cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(BenchOptions options, ParseResult parse, AgentConsole console, CancellationToken cancellationToken)
    {
        var events = new AgentEventStream(new StreamEventTarget(console.Events), new AgentClock(console.Time));
        var (request, problems) = options.ToRequest(parse);
        if (request is null) return Task.FromResult(RefuseArguments(events, console, problems, parse.GetValue(options.Virtual)));
        return BenchmarkRunner.RunAsync(request, events, console.Log, cancellationToken);
    }

    /// <summary>Arguments that do not parse or make no sense: hello, one error naming every problem, exit 2.</summary>
    public static int RefuseArguments(AgentEventStream events, AgentConsole console, IReadOnlyList<string> problems, bool declaredVirtual)
    {
        var message = string.Join("; ", problems);
        console.Log.WriteLine($"devicelab-agent: {message}");
        events.EmitNow(AgentIdentity.EarlyHello(DeviceFingerprintReader.Read(declaredVirtual), "adb", null));
        events.Error(AgentErrorCodes.BadArguments, message, fatal: true);
        return AgentExitCodes.BadInput;
    }
}
