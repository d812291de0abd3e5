using DeviceLab.Agent.Tests.Benchmark;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Tests.Commands;

public sealed class ConnectCommandTests
{
    [Theory]
    [InlineData("ftp://lab", "tok", "is not an http(s) address")]
    [InlineData("not a url", "tok", "is not an http(s) address")]
    [InlineData("http://127.0.0.1:9", "", "--device-token: required")]
    public async Task Bad_connect_arguments_exit_2_without_connecting(string server, string token, string expected)
    {
        var previous = Environment.GetEnvironmentVariable("DEVICELAB_DEVICE_TOKEN");
        Environment.SetEnvironmentVariable("DEVICELAB_DEVICE_TOKEN", null);
        try
        {
            var run = await AgentRun.StartAsync(["connect", "--server", server, .. token.Length > 0 ? new[] { "--device-token", token } : []]);

            Assert.Equal(AgentExitCodes.BadInput, run.ExitCode);
            Assert.Contains(expected, run.Stderr);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DEVICELAB_DEVICE_TOKEN", previous);
        }
    }
}
