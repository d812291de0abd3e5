namespace DeviceLab.Server.AgentBuilds;

/// <summary>An agent build refused for a reason its sender can fix (HTTP 400).</summary>
public sealed class AgentBuildException(string message) : Exception(message);
