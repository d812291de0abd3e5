using DeviceLab.VirtualDevice.Wire;

namespace DeviceLab.VirtualDevice.Services;

/// <summary>A device service bound to one stream: it reads the host's bytes and writes its answer.</summary>
internal interface IDeviceService
{
    /// <summary>Serves the stream; when it returns, the rest of the output is sent and the stream closes.</summary>
    Task RunAsync(DeviceStream stream);
}
