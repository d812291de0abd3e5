namespace DeviceLab.Agent.Output;

/// <summary>
/// The agent's two outputs: <see cref="Events"/> carries the JSON-lines stream (stdout in ADB mode), <see cref="Log"/>
/// carries human-readable diagnostics (stderr). Tests pass their own streams.
/// </summary>
public sealed record AgentConsole(Stream Events, TextWriter Log, TimeProvider Time)
{
    public static AgentConsole Process() => new(System.Console.OpenStandardOutput(), System.Console.Error, TimeProvider.System);
}
