using DeviceLab.VirtualDevice.Services.Forwarding;
using DeviceLab.VirtualDevice.Services.Shell;
using DeviceLab.VirtualDevice.Services.Sync;
using DeviceLab.VirtualDevice.Wire;

namespace DeviceLab.VirtualDevice.Services;

/// <summary>
/// Maps the service name of a host OPEN to the service that answers it. Names the device does not
/// serve (reboot:, root:, framebuffer:, jdwp, …) are refused, which the host reports as "closed".
/// </summary>
internal sealed class ServiceRouter(DeviceContext device, ReverseRules reverse)
{
    public async ValueTask<IDeviceService?> RouteAsync(string destination)
    {
        if (ShellRequest.TryParse(destination, out var shell))
            return shell.UsesShellProtocol ? new ShellV2Service(device.Shells, shell) : new RawShellService(device.Shells, shell);
        if (destination == "sync:")
            return new SyncService(device.Paths);
        if (destination.StartsWith("reverse:", StringComparison.Ordinal))
            return new ReverseService(reverse, destination["reverse:".Length..]);
        if (destination.StartsWith("tcp:", StringComparison.Ordinal))
            return await TcpForwardService.ConnectAsync(destination, device.Log).ConfigureAwait(false);
        return null;
    }
}
