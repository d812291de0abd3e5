namespace DeviceLab.Core.AgentProtocol;

/// <summary>What a result was measured on. Travels with every run so numbers are never separated from their device.</summary>
/// <param name="Model">Device model (Android <c>ro.product.model</c>, or the machine's product name).</param>
/// <param name="Manufacturer">Device manufacturer.</param>
/// <param name="OsBuild">Operating system build (Android <c>ro.build.fingerprint</c>, or the OS description).</param>
/// <param name="Abi">Application binary interface the agent runs as (<c>arm64-v8a</c>, <c>x86_64</c>).</param>
/// <param name="Cores">Logical CPU cores the agent can use.</param>
/// <param name="IsVirtual">True for DeviceLab virtual devices, emulators and virtual machines: their figures are not a phone's.</param>
/// <param name="Cpu">CPU / SoC name when known.</param>
/// <param name="MemoryBytes">Physical memory when known.</param>
/// <param name="Kernel">Kernel version when known.</param>
public sealed record DeviceFingerprint(
    string Model, string Manufacturer, string OsBuild, string Abi, int Cores, bool IsVirtual,
    string? Cpu = null, long? MemoryBytes = null, string? Kernel = null);
