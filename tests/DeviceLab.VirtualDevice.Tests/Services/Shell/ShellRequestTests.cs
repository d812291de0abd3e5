using DeviceLab.VirtualDevice.Services.Shell;

namespace DeviceLab.VirtualDevice.Tests.Services.Shell;

public sealed class ShellRequestTests
{
    [Theory]
    [InlineData("shell:ls -l", "ls -l", false, null)]
    [InlineData("shell,v2,raw:exit 7", "exit 7", true, null)]
    [InlineData("shell,v2,TERM=xterm-256color,pty:", "", true, "xterm-256color")]
    [InlineData("shell,raw:echo a:b", "echo a:b", false, null)]
    [InlineData("exec:cat file", "cat file", false, null)]
    public void Service_names_parse_into_command_protocol_and_terminal(string destination, string command, bool v2, string? terminal)
    {
        Assert.True(ShellRequest.TryParse(destination, out var request));
        Assert.Equal(new ShellRequest(command, v2, terminal), request);
    }

    [Theory]
    [InlineData("sync:")]
    [InlineData("shellfish:x")]
    [InlineData("shell")]
    public void Other_services_are_not_shells(string destination) => Assert.False(ShellRequest.TryParse(destination, out _));
}
