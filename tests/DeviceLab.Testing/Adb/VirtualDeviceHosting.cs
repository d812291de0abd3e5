namespace DeviceLab.Testing.Adb;

/// <summary>Where a virtual device runs.</summary>
public enum VirtualDeviceHosting
{
    /// <summary>The <c>devicelab-virtual-device</c> executable as a child process: killing it is a cable pulled.</summary>
    Process,

    /// <summary>The VirtualDevice library inside the test process (faster to start; "kill" aborts its sockets).</summary>
    InProcess,
}
