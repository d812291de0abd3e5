using DeviceLab.VirtualDevice.Sandbox;

namespace DeviceLab.VirtualDevice.Tests.Sandbox;

public sealed class DevicePathsTests
{
    private readonly DevicePaths _paths = new("/tmp/box");

    [Theory]
    [InlineData("/data/local/tmp", "/tmp/box")]
    [InlineData("/data/local/tmp/", "/tmp/box")]
    [InlineData("/data/local/tmp/a/b.gguf", "/tmp/box/a/b.gguf")]
    [InlineData("//data/./local/tmp/x/../y", "/tmp/box/y")]
    public void Paths_inside_data_local_tmp_map_into_the_sandbox(string devicePath, string hostPath)
    {
        var mapped = _paths.Map(devicePath);
        Assert.Equal((MappedPathKind.Sandbox, hostPath), (mapped.Kind, mapped.HostPath));
    }

    [Theory]
    [InlineData("/data/local/tmp/../../../etc/passwd", "/etc/passwd")]
    [InlineData("/data/local/tmp/../tmp2", "/data/local/tmp2")]
    [InlineData("/system/bin/sh", "/system/bin/sh")]
    public void Paths_that_leave_data_local_tmp_are_outside(string devicePath, string normalized)
    {
        var mapped = _paths.Map(devicePath);
        Assert.Equal(MappedPathKind.Outside, mapped.Kind);
        Assert.Null(mapped.HostPath);
        Assert.Contains($"'{normalized}' is outside", mapped.Problem);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/data")]
    [InlineData("/data/local/")]
    public void Folders_above_the_sandbox_exist_but_are_not_the_sandbox(string devicePath) =>
        Assert.Equal(MappedPathKind.Ancestor, _paths.Map(devicePath).Kind);

    [Fact]
    public void Relative_paths_are_refused_with_a_reason() =>
        Assert.Contains("not an absolute device path", _paths.Map("data/local/tmp").Problem);

    [Fact]
    public void Only_the_whole_path_component_is_rewritten_in_command_text() =>
        Assert.Equal("ls /tmp/box /data/local/tmp2 /data/local/tmp.d /tmp/box/x", _paths.MapCommand("ls /data/local/tmp /data/local/tmp2 /data/local/tmp.d /data/local/tmp/x"));

    [Fact]
    public void Command_text_gets_the_sandbox_for_data_local_tmp() =>
        Assert.Equal("cd /tmp/box && ./agent --model /tmp/box/m.gguf", _paths.MapCommand("cd /data/local/tmp && ./agent --model /data/local/tmp/m.gguf"));
}
