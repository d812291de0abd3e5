using System.Text;
using DeviceLab.Adb.Shell;
using DeviceLab.Testing.Adb;

namespace DeviceLab.Adb.Tests.Shell;

[Collection(DeviceCollection.Name)]
public sealed class ShellTests(ConnectedDeviceFixture lab)
{
    private AdbDevice Device => lab.Device.Adb;

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(42)]
    public async Task The_exit_code_is_the_commands(int exitCode)
    {
        var result = await Device.RunShellAsync("sh", "-c", $"exit {exitCode}");

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(ShellProtocol.V2, result.Protocol);
    }

    [Fact]
    public async Task Stdout_and_stderr_arrive_separately()
    {
        var result = await Device.RunShellAsync("sh", "-c", "echo to-out; echo to-err >&2; echo more-out; exit 42");

        Assert.Equal("to-out\nmore-out\n", result.OutputText);
        Assert.Equal("to-err\n", result.ErrorText);
        Assert.Equal(42, result.ExitCode);
    }

    [Fact]
    public async Task Ensure_success_names_the_command_device_and_stderr()
    {
        var result = await Device.RunShellAsync("sh", "-c", "echo broken >&2; exit 7");

        var error = Assert.Throws<AdbShellCommandFailedException>(() => result.EnsureSuccess());

        Assert.Contains("exited 7", error.Message);
        Assert.Contains(lab.Device.Serial, error.Message);
        Assert.Contains("broken", error.Message);
    }

    [Fact]
    public async Task Injection_attempts_reach_the_device_as_literal_arguments()
    {
        var arguments = ShellQuotingTests.HostileArguments;

        var result = await Device.RunShellAsync(ShellCommand.Of("printf", ["%s\\n", .. arguments]));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Encoding.UTF8.GetBytes(string.Concat(arguments.Select(a => a + "\n"))), result.StandardOutput);
        Assert.Empty(result.StandardError);
    }

    [Fact]
    public async Task Output_is_streamed_to_callbacks_in_order_across_many_packets()
    {
        var output = new MemoryStream();
        var pieces = 0;

        var exitCode = await Device.ExecuteShellAsync(
            ShellCommand.Of("seq", "1", "200000"),
            (data, _) => { pieces++; output.Write(data.Span); return ValueTask.CompletedTask; },
            (_, _) => ValueTask.CompletedTask);

        Assert.Equal(0, exitCode);
        var expected = string.Concat(Enumerable.Range(1, 200000).Select(i => $"{i}\n"));
        Assert.Equal(expected, Encoding.ASCII.GetString(output.ToArray()));
        Assert.True(pieces > 1, "a large output arrives in several pieces");
    }

    [Fact]
    public async Task Json_lines_arrive_one_by_one_while_the_command_runs()
    {
        var lines = new List<string>();
        var splitter = new ShellLineSplitter((line, _) => { lines.Add(line); return ValueTask.CompletedTask; });
        var script = "for i in 1 2 3; do printf '{\"event\":\"token\",\"index\":%d}\\n' \"$i\"; done";

        var exitCode = await Device.ExecuteShellAsync(ShellCommand.Of("sh", "-c", script), splitter.Handler, (_, _) => ValueTask.CompletedTask);
        await splitter.CompleteAsync();

        Assert.Equal(0, exitCode);
        Assert.Equal(["{\"event\":\"token\",\"index\":1}", "{\"event\":\"token\",\"index\":2}", "{\"event\":\"token\",\"index\":3}"], lines);
    }

    [Fact]
    public async Task Stdin_is_delivered_and_then_closed()
    {
        var input = Encoding.UTF8.GetBytes("line one\nline two\n");
        var options = new ShellOptions { StandardInput = new MemoryStream(input) };

        var result = await Device.RunShellAsync(ShellCommand.Of("cat"), options);

        Assert.Equal(input, result.StandardOutput);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task A_command_reading_stdin_without_input_sees_end_of_file()
    {
        var result = await Device.RunShellAsync(ShellCommand.Of("wc", "-c"));

        Assert.Equal("0", result.OutputText.Trim());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(42)]
    public async Task The_legacy_shell_recovers_output_and_exit_code(int exitCode)
    {
        var options = new ShellOptions { Protocol = ShellProtocol.Legacy };

        var result = await Device.RunShellAsync(ShellCommand.Of("sh", "-c", $"printf 'no newline'; exit {exitCode}"), options);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal("no newline", result.OutputText.Replace("\r\n", "\n"));
        Assert.Equal(ShellProtocol.Legacy, result.Protocol);
    }

    [Fact]
    public async Task The_legacy_shell_passes_large_output_through_untouched()
    {
        var options = new ShellOptions { Protocol = ShellProtocol.Legacy };

        var result = await Device.RunShellAsync(ShellCommand.Of("seq", "1", "100000"), options);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Concat(Enumerable.Range(1, 100000).Select(i => $"{i}\n")), result.OutputText.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task The_legacy_shell_keeps_an_exit_builtin_from_hiding_the_status()
    {
        var options = new ShellOptions { Protocol = ShellProtocol.Legacy };

        var result = await Device.RunShellAsync(ShellCommand.Of("exit", "3"), options);

        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task Cancellation_ends_a_running_command_and_the_device_stays_usable()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Device.RunShellAsync(ShellCommand.Of("sleep", "30"), cancellationToken: cancel.Token));

        Assert.Equal(0, (await Device.RunShellAsync("true")).ExitCode);
    }
}
