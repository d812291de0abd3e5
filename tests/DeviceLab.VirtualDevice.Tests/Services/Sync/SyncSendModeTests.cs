using DeviceLab.VirtualDevice.Services.Sync;

namespace DeviceLab.VirtualDevice.Tests.Services.Sync;

public sealed class SyncSendModeTests
{
    [Theory]
    [InlineData("33188", 33188u)]   // what adb push sends: S_IFREG | 0644 in decimal
    [InlineData("0755", 493u)]
    [InlineData("0x1ed", 493u)]
    [InlineData("0", 0u)]
    public void Mode_parses_like_strtoul_base_0(string text, uint expected)
    {
        Assert.True(SyncSend.TryParseMode(text, out var mode));
        Assert.Equal(expected, mode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("rw")]
    [InlineData("089")]
    public void Bad_modes_are_refused(string text) => Assert.False(SyncSend.TryParseMode(text, out _));

    [Theory]
    [InlineData(0x81A4u, "666")] // 0644 → group and others get what the owner has, as adbd does
    [InlineData(0x81EDu, "777")] // 0755
    [InlineData(0x8180u, "666")] // 0600
    public void Device_mode_copies_owner_bits_like_adbd(uint mode, string octal) =>
        Assert.Equal(Convert.ToInt32(octal, 8), (int)SyncSend.DeviceMode(mode));
}
