namespace DeviceLab.Agent.Telemetry;

/// <summary>The peak resident memory of one repetition and how it was measured.</summary>
/// <param name="Bytes">Peak resident bytes, or −1 when unknown.</param>
/// <param name="Method">A <see cref="Core.AgentProtocol.PeakMemoryMethods"/> value.</param>
/// <param name="Note">Why the exact method was not used (naming the file), or null.</param>
public readonly record struct PeakMemoryReading(long Bytes, string Method, string? Note = null);
