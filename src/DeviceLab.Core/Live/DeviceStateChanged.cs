using DeviceLab.Core.Devices;

namespace DeviceLab.Core.Live;

/// <summary>A device's state changed (came online, went offline, became busy under a lease, was quarantined).</summary>
/// <param name="DeviceId">The device's id in DeviceLab.</param>
/// <param name="Serial">Its transport identity (adb serial).</param>
/// <param name="LabHost">The lab host that owns it.</param>
/// <param name="Model">Device model as it reports it; null until its properties were read.</param>
/// <param name="State">The new state.</param>
/// <param name="PreviousState">The state before; null when the device was just discovered.</param>
/// <param name="IsVirtual">A DeviceLab virtual device (its figures are not a phone's).</param>
/// <param name="Reason">Why, for people: "liveness probe failed: …", "leased by run job 12", "quarantined by alice: …".</param>
/// <param name="At">When the server saw the change (UTC).</param>
public sealed record DeviceStateChanged(
    long DeviceId, string Serial, string LabHost, string? Model, DeviceState State, DeviceState? PreviousState,
    bool IsVirtual, string? Reason, DateTimeOffset At);
