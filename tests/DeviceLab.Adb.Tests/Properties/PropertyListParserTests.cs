using DeviceLab.Adb.Properties;

namespace DeviceLab.Adb.Tests.Properties;

public sealed class PropertyListParserTests
{
    [Fact]
    public void Each_line_is_a_key_and_a_value()
    {
        var properties = PropertyListParser.Parse(
            "[ro.product.manufacturer]: [DeviceLab]\n[ro.product.model]: [Virtual Device]\n[empty.value]: []\n");

        Assert.Equal("DeviceLab", properties["ro.product.manufacturer"]);
        Assert.Equal("Virtual Device", properties["ro.product.model"]);
        Assert.Equal("", properties["empty.value"]);
        Assert.Equal(3, properties.Count);
    }

    [Fact]
    public void A_value_may_span_lines_and_hold_brackets()
    {
        var properties = PropertyListParser.Parse(
            "[a]: [first line\nsecond ] line]\n[b]: [x]: [y]\n[c]: [end\n]\n");

        Assert.Equal("first line\nsecond ] line", properties["a"]);
        Assert.Equal("x]: [y", properties["b"]);
        Assert.Equal("end\n", properties["c"]);
    }

    [Fact]
    public void Crlf_line_ends_from_a_pty_are_accepted()
    {
        var properties = PropertyListParser.Parse("[a]: [1]\r\n[b]: [2]\r\n");

        Assert.Equal("1", properties["a"]);
        Assert.Equal("2", properties["b"]);
    }

    [Fact]
    public void Typed_accessors_read_the_fingerprint_properties()
    {
        var properties = new DeviceProperties(PropertyListParser.Parse(
            "[ro.product.cpu.abi]: [x86_64]\n[ro.build.version.sdk]: [34]\n[ro.product.manufacturer]: [DeviceLab]\n"));

        Assert.Equal("x86_64", properties.Abi);
        Assert.Equal(34, properties.SdkVersion);
        Assert.Equal("DeviceLab", properties.Manufacturer);
        Assert.Null(properties.Model);
    }
}
