namespace DeviceLab.Adb;

/// <summary>Nothing accepts connections on the adb server endpoint the client was given.</summary>
public sealed class AdbServerNotRunningException(AdbServerEndpoint endpoint, Exception? innerException = null)
    : AdbException(
        $"no adb server on {endpoint} — start it with `adb -P {endpoint.Port} start-server` " +
        $"(or `adb -P {endpoint.Port} nodaemon server`), or point the client at the port the server uses",
        innerException)
{
    public AdbServerEndpoint Endpoint { get; } = endpoint;
}
