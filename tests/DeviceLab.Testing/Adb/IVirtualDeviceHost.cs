namespace DeviceLab.Testing.Adb;

/// <summary>One running virtual device, whichever way it is hosted.</summary>
internal interface IVirtualDeviceHost : IAsyncDisposable
{
    bool HasExited { get; }

    /// <summary>Ends the device abruptly (its sockets close mid-stream), like a cable pulled.</summary>
    Task KillAsync();

    /// <summary>What the device is and printed, for error messages.</summary>
    string Describe();
}
