namespace DeviceLab.Server.Auth;

/// <summary>
/// Names of the authorization policies every endpoint, hub method and page uses. Each role includes the ones
/// before it (<see cref="DeviceLabRole"/>), so "operator" admits operators and admins. Registered by
/// <c>AuthServices.AddDeviceLabAuth</c>; which endpoints may stay anonymous: docs/decisions/0092.
/// </summary>
public static class DeviceLabPolicies
{
    /// <summary>Read dashboards, results and exports.</summary>
    public const string Viewer = "viewer";

    /// <summary>Create runs, upload models, manage suites and devices, cancel runs.</summary>
    public const string Operator = "operator";

    /// <summary>Manage users, API keys, the Hangfire dashboard.</summary>
    public const string Admin = "admin";

    /// <summary>A networked agent authenticated by its per-device token (agent hub and variant downloads).</summary>
    public const string AgentDevice = "agent-device";

    /// <summary>A viewer (or more) or a networked agent: variant downloads, which people and agents both fetch.</summary>
    public const string ViewerOrAgentDevice = "viewer-or-agent-device";

    /// <summary>Every policy name, for tests and tools that check endpoints declare one of them.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, Operator, Admin, AgentDevice, ViewerOrAgentDevice];
}
