using DeviceLab.Core;
using DeviceLab.Core.AgentProtocol;
using DeviceLab.Engine;

namespace DeviceLab.Agent.Device;

/// <summary>The agent's and engine's versions as every hello and registration reports them.</summary>
public static class AgentIdentity
{
    public static string AgentVersion => DeviceLabVersion.Product;
    public static string EngineVersionText => EngineVersion.Value;

    /// <summary>A hello for a run that failed before any variant loaded (an error event follows it).</summary>
    public static HelloEvent EarlyHello(DeviceFingerprint device, string mode, BenchParameters? parameters) => new()
    {
        Device = device, AgentVersion = AgentVersion, EngineVersion = EngineVersionText, Mode = mode, Parameters = parameters,
    };
}
