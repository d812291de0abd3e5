using System.Net;

namespace DeviceLab.Adb;

/// <summary>Where an adb server's smart socket listens. DeviceLab talks to loopback servers only.</summary>
public sealed record AdbServerEndpoint
{
    public AdbServerEndpoint(int port = AdbDefaults.ServerPort)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        Port = port;
    }

    public int Port { get; }

    public IPAddress Address => IPAddress.Loopback;

    public override string ToString() => $"127.0.0.1:{Port}";
}
