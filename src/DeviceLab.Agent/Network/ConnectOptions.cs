namespace DeviceLab.Agent.Network;

/// <summary>How a networked agent reaches its server and where it keeps downloaded variants.</summary>
/// <param name="Server">Server base address (http or https).</param>
/// <param name="DeviceToken">The device's token (bearer for the hub and downloads).</param>
/// <param name="WorkDirectory">Cache of downloaded variants, named by sha256.</param>
/// <param name="Once">Exit after the first job (scripts, tests).</param>
/// <param name="SysfsRoot">Telemetry sysfs root.</param>
/// <param name="ProcfsRoot">Telemetry procfs root.</param>
/// <param name="SimulatedPower">Simulated battery / thermal (virtual devices).</param>
/// <param name="DeclaredVirtual">Report the device as virtual.</param>
/// <param name="ReconnectBaseDelay">First back-off delay after a drop.</param>
/// <param name="ReconnectMaxDelay">Longest back-off delay.</param>
/// <param name="BatchLines">Most events sent in one hub call.</param>
public sealed record ConnectOptions(
    Uri Server, string DeviceToken, string WorkDirectory, bool Once = false,
    string SysfsRoot = "/sys", string ProcfsRoot = "/proc", bool SimulatedPower = false, bool DeclaredVirtual = false,
    TimeSpan? ReconnectBaseDelay = null, TimeSpan? ReconnectMaxDelay = null, int BatchLines = 500);
