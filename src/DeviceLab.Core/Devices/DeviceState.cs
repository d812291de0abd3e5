namespace DeviceLab.Core.Devices;

/// <summary>Whether a device can take a benchmark job now.</summary>
public enum DeviceState
{
    /// <summary>Connected and idle: a job may lease it.</summary>
    Online,

    /// <summary>Not connected (cable pulled, agent gone, adb lost it).</summary>
    Offline,

    /// <summary>Connected and running a job under a lease.</summary>
    Busy,

    /// <summary>Taken out of the pool by an operator or after repeated failures; no job leases it.</summary>
    Quarantined,
}
