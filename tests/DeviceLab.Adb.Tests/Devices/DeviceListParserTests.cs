using DeviceLab.Adb.Devices;

namespace DeviceLab.Adb.Tests.Devices;

public sealed class DeviceListParserTests
{
    [Fact]
    public void The_long_form_keeps_state_and_every_attribute()
    {
        var entries = DeviceListParser.Parse(
            "127.0.0.1:40123        device product:devicelab_virtual model:Virtual_Device device:virtual transport_id:3\n" +
            "emulator-5554          offline transport_id:1\n");

        Assert.Equal(2, entries.Count);
        var online = entries[0];
        Assert.Equal("127.0.0.1:40123", online.Serial);
        Assert.Equal(AdbDeviceState.Device, online.State);
        Assert.True(online.IsOnline);
        Assert.Equal("devicelab_virtual", online.Product);
        Assert.Equal("Virtual_Device", online.Model);
        Assert.Equal("virtual", online.DeviceName);
        Assert.Equal(3, online.TransportId);
        Assert.Equal(AdbDeviceState.Offline, entries[1].State);
        Assert.Null(entries[1].Model);
    }

    [Fact]
    public void The_short_form_is_serial_tab_state()
    {
        var entry = Assert.Single(DeviceListParser.Parse("0123456789ABCDEF\tunauthorized\n"));

        Assert.Equal("0123456789ABCDEF", entry.Serial);
        Assert.Equal(AdbDeviceState.Unauthorized, entry.State);
        Assert.Empty(entry.Attributes);
    }

    [Fact]
    public void A_state_of_several_words_is_kept_whole()
    {
        var entry = Assert.Single(DeviceListParser.Parse(
            "0123456789ABCDEF       no permissions (user in plugdev group; are your udev rules wrong?); see [http://developer.android.com/tools/device.html] usb:1-1 transport_id:2\n"));

        Assert.Equal(AdbDeviceState.NoPermissions, entry.State);
        Assert.StartsWith("no permissions (user in plugdev group;", entry.StateText);
        Assert.Equal("1-1", entry.Attributes["usb"]);
    }

    [Fact]
    public void An_unknown_state_word_is_kept_as_text()
    {
        var entry = Assert.Single(DeviceListParser.Parse("abc\tfastbootd\n"));

        Assert.Equal(AdbDeviceState.Unknown, entry.State);
        Assert.Equal("fastbootd", entry.StateText);
    }

    [Fact]
    public void An_empty_list_has_no_entries()
    {
        Assert.Empty(DeviceListParser.Parse(""));
    }

    [Fact]
    public void A_line_without_state_is_a_protocol_error()
    {
        var error = Assert.Throws<AdbProtocolException>(() => DeviceListParser.Parse("lonely-serial\n"));

        Assert.Contains("lonely-serial", error.Message);
    }
}
