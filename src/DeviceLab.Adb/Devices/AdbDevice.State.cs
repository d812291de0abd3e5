namespace DeviceLab.Adb;

public sealed partial class AdbDevice
{
    /// <summary>The device's state (<c>host-serial:S:get-state</c>).</summary>
    /// <exception cref="AdbDeviceNotFoundException">The server does not know this serial.</exception>
    public async Task<AdbDeviceState> GetStateAsync(CancellationToken cancellationToken = default) =>
        AdbDeviceStates.Parse((await QueryAsync("get-state", cancellationToken).ConfigureAwait(false)).Trim());

    /// <summary>
    /// Waits until the server lists this device in <paramref name="state"/> (e.g. online after <c>connect</c>),
    /// following <c>track-devices</c> rather than polling.
    /// </summary>
    /// <exception cref="TimeoutException">The device did not reach the state in time; the message says what it was in.</exception>
    public async Task<AdbDeviceEntry> WaitForStateAsync(AdbDeviceState state, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        AdbDeviceEntry? last = null;
        try
        {
            await foreach (var devices in Client.TrackDevicesAsync(deadline.Token).ConfigureAwait(false))
            {
                last = devices.FirstOrDefault(d => d.Serial == Serial);
                if (last?.State == state) return last;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        var now = last is null ? "not listed by the server" : $"'{last.StateText}'";
        throw new TimeoutException($"device '{Serial}' did not become '{state}' within {timeout.TotalSeconds:0.#} s (it is {now})");
    }
}
