using DeviceLab.VirtualDevice.Sandbox;
using DeviceLab.VirtualDevice.Wire;

namespace DeviceLab.VirtualDevice.Services.Shell;

/// <summary>
/// <c>shell:command</c> and <c>exec:command</c> without the shell protocol: stdout and stderr as
/// one raw byte stream until the command ends; the exit code is lost, as on a phone.
/// </summary>
internal sealed class RawShellService(ShellLauncher shells, ShellRequest request) : IDeviceService
{
    public Task RunAsync(DeviceStream stream) => ShellRun.RunAsync(shells, request, stream);
}
