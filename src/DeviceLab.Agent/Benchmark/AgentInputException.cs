namespace DeviceLab.Agent.Benchmark;

/// <summary>Bad input the agent refuses (exit code 2): the code is one of <see cref="Core.AgentProtocol.AgentErrorCodes"/>.</summary>
public sealed class AgentInputException(string code, string message, string? variant = null, Exception? inner = null)
    : Exception(message, inner)
{
    public string Code { get; } = code;
    public string? Variant { get; } = variant;
}
