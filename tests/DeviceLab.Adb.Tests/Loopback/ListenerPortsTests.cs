using System.Net;
using System.Net.Sockets;
using DeviceLab.Adb.Loopback;

namespace DeviceLab.Adb.Tests.Loopback;

public class ListenerPortsTests
{
    [Fact]
    public void A_picked_port_can_be_listened_on_and_lies_below_the_range_for_outgoing_connections()
    {
        var (first, _) = ListenerPorts.EphemeralRange();

        for (var i = 0; i < 20; i++)
        {
            var port = ListenerPorts.PickFree();
            Assert.True(ListenerPorts.Allowed(port));
            Assert.InRange(port, 10_000, first - 1);
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
    }

    [Fact]
    public void A_port_with_a_listener_is_not_free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        Assert.False(ListenerPorts.IsFree(((IPEndPoint)listener.LocalEndpoint).Port));
    }

    [Theory]
    [InlineData(5037, false)]
    [InlineData(5555, false)]
    [InlineData(5585, false)]
    [InlineData(5586, true)]
    [InlineData(20_000, true)]
    public void The_adb_servers_own_and_scanned_ports_are_never_picked(int port, bool allowed) =>
        Assert.Equal(allowed, ListenerPorts.Allowed(port));

    [Fact]
    public void The_range_is_read_from_the_kernel()
    {
        var (first, last) = ListenerPorts.EphemeralRange();

        var kernel = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        Assert.Equal((kernel[0], kernel[1]), (first, last));
    }
}
