namespace DeviceLab.Server.AgentBuilds;

/// <summary>The <c>DeviceLab:AgentBuilds</c> configuration section.</summary>
public sealed class AgentBuildOptions
{
    public const string Section = "DeviceLab:AgentBuilds";

    /// <summary>
    /// Folder scanned at start for <c>&lt;abi&gt;/devicelab-agent</c> (e.g. <c>artifacts/agent/linux-x64/devicelab-agent</c>,
    /// a NativeAOT publish); each new file is imported as an agent build. Empty: no scan.
    /// </summary>
    public string? Directory { get; set; }
}
