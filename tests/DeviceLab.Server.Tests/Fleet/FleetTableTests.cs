using Bunit;
using DeviceLab.Core.Devices;
using DeviceLab.Server.Fleet;
using DeviceLab.Server.Tests.Components;

namespace DeviceLab.Server.Tests.Fleet;

public class FleetTableTests : DashboardComponentContext
{
    private static readonly DateTimeOffset SeenAt = new(2026, 7, 15, 21, 30, 0, TimeSpan.Zero);

    private static FleetDeviceRow Device(string serial, string model, string? os, string? abi, DeviceTransport transport = DeviceTransport.Adb) =>
        new(serial.Length, serial, "Google", model, "Tensor G2", abi, os, DeviceState.Online, IsVirtual: false,
            Tags: [DeviceTags.Slug(model), $"android-{os}", $"abi-{abi}"], "lab-1", SeenAt, 80, 30, CurrentJob: null, transport, OsBuild: "UQ1A.240205.004");

    private static readonly FleetDeviceRow[] Fleet =
    [
        Device("PIXEL7A", "Pixel 7", "14", "arm64-v8a"),
        Device("NEXUS5XX", "Nexus 5X", "9", "armeabi-v7a"),
        Device("EMU", "Emulator", "13.1", "x86_64"),
        Device("IPHONE15PRO", "iPhone 15", "17.4", "arm64", DeviceTransport.Network),
        Device("UNKNOWNPHONE", "Old phone", null, null),
    ];

    private IRenderedComponent<FleetTable> RenderFleet() => Render<FleetTable>(p => p.Add(t => t.Devices, Fleet));

    private static string Cell(IRenderedComponent<FleetTable> cut, string serial, string column) =>
        cut.Find($"tr:has(td[data-device='{serial}']) td[data-column={column}]").TextContent.Trim();

    private static IEnumerable<string> Serials(IRenderedComponent<FleetTable> cut) =>
        cut.FindAll("tbody td[data-device]").Select(td => td.GetAttribute("data-device")!);

    [Fact]
    public void OS_version_and_ABI_are_columns_of_their_own()
    {
        var cut = RenderFleet();

        Assert.Equal("OS version", cut.Find("th[data-column=os]").TextContent.Trim());
        Assert.Equal("ABI", cut.Find("th[data-column=abi]").TextContent.Trim());
        Assert.Equal("Android 14", Cell(cut, "PIXEL7A", "os"));
        Assert.Equal("arm64-v8a", Cell(cut, "PIXEL7A", "abi"));
        Assert.Equal("17.4", Cell(cut, "IPHONE15PRO", "os")); // a networked device's version as its agent reported it, not "Android"
        Assert.Equal("—", Cell(cut, "UNKNOWNPHONE", "os"));
        Assert.Equal("—", Cell(cut, "UNKNOWNPHONE", "abi"));
        Assert.Equal("UQ1A.240205.004", cut.Find("tr:has(td[data-device='PIXEL7A']) td[data-column=os]").GetAttribute("title"));
        Assert.Contains("PIXEL7A · Tensor G2", cut.Find("td[data-device='PIXEL7A']").TextContent); // the SoC under the name
        Assert.Equal(Fleet.Select(d => d.Serial), Serials(cut)); // the query's order until someone sorts
    }

    [Fact]
    public void OS_versions_sort_as_numbers_both_ways()
    {
        var cut = RenderFleet();

        cut.Find("th[data-column=os] .mud-table-sort-label").Click();
        Assert.Equal(["UNKNOWNPHONE", "NEXUS5XX", "EMU", "PIXEL7A", "IPHONE15PRO"], Serials(cut)); // 9 < 13.1 < 14 < 17.4

        cut.Find("th[data-column=os] .mud-table-sort-label").Click();
        Assert.Equal(["IPHONE15PRO", "PIXEL7A", "EMU", "NEXUS5XX", "UNKNOWNPHONE"], Serials(cut));
    }

    [Fact]
    public void ABIs_sort_by_name()
    {
        var cut = RenderFleet();

        cut.Find("th[data-column=abi] .mud-table-sort-label").Click();

        Assert.Equal(["UNKNOWNPHONE", "IPHONE15PRO", "PIXEL7A", "NEXUS5XX", "EMU"], Serials(cut)); // "", arm64, arm64-v8a, armeabi-v7a, x86_64
    }
}
