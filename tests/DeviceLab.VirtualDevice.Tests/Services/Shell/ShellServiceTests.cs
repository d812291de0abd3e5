using DeviceLab.VirtualDevice.Tests.AdbCli;

namespace DeviceLab.VirtualDevice.Tests.Services.Shell;

[Collection(AdbServerCollection.Name)]
public sealed class ShellServiceTests(AdbCliServer adb) : IAsyncLifetime
{
    private ConnectedDevice _phone = null!;

    public async Task InitializeAsync() => _phone = await ConnectedDevice.StartAsync(adb);

    public async Task DisposeAsync() => await _phone.DisposeAsync();

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(42)]
    public async Task Exit_code_of_the_command_is_the_exit_code_of_adb_shell(int exitCode)
    {
        var result = await _phone.ShellAsync($"exit {exitCode}");

        Assert.Equal(exitCode, result.ExitCode);
    }

    [Fact]
    public async Task Stdout_and_stderr_arrive_separately()
    {
        var result = await _phone.ShellAsync("echo to-out; echo to-err >&2; echo more-out");

        Assert.Equal("to-out\nmore-out\n", result.Stdout);
        Assert.Equal("to-err\n", result.Stderr);
    }

    [Fact]
    public async Task Shell_without_protocol_merges_output_and_loses_the_exit_code()
    {
        var v1 = await _phone.AdbAsync("shell", "-x", "echo out; echo err >&2; exit 3");
        var exec = await _phone.AdbAsync("exec-out", "printf 'raw\\001bytes'");

        Assert.Equal(0, v1.ExitCode);
        Assert.Contains("out\n", v1.Stdout);
        Assert.Contains("err\n", v1.Stdout);
        Assert.Equal("raw\u0001bytes", exec.Stdout);
    }

    [Fact]
    public async Task Stdin_reaches_the_command_and_its_end_closes_stdin()
    {
        var result = await adb.RunWithInputAsync("line one\nline two\n", "-s", _phone.Address, "shell", "cat; echo stdin-closed");

        Assert.Equal("line one\nline two\nstdin-closed\n", result.Stdout);
    }

    [Fact]
    public async Task Output_streams_while_the_command_still_runs()
    {
        using var shell = adb.Start("-s", _phone.Address, "shell", "echo first; read reply; echo \"second $reply\"");

        // The command now waits for stdin: "first" can only arrive if output is streamed, not collected at exit.
        var first = await shell.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(shell.HasExited);
        await shell.StandardInput.WriteLineAsync("go");
        shell.StandardInput.Close();
        var rest = await shell.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await shell.WaitForExitAsync();

        Assert.Equal("first", first);
        Assert.Equal("second go\n", rest);
        Assert.Equal(0, shell.ExitCode);
    }

    [Fact]
    public async Task Closing_the_shell_stream_kills_the_command_and_its_children()
    {
        var marker = $"{Random.Shared.Next(100_000, 999_999)}.5";
        using var shell = adb.Start("-s", _phone.Address, "shell", $"sleep {marker} & sleep {marker}; echo never");
        await HostProcesses.WaitUntilAsync(() => HostProcesses.CountWithCommandLine($"sleep\0{marker}") == 2, "both sleeps started");

        shell.Kill(); // the adb client goes away: the server closes the stream
        await shell.WaitForExitAsync();

        await HostProcesses.WaitUntilAsync(() => HostProcesses.CountWithCommandLine($"sleep\0{marker}") == 0, "the process group was killed");
    }

    [Fact]
    public async Task Commands_run_in_the_sandbox_with_data_local_tmp_mapped()
    {
        var result = await _phone.ShellAsync("cd /data/local/tmp && echo made > made.txt && pwd && echo $HOME $TMPDIR && printenv DEVICELAB_VIRTUAL_DEVICE");

        var sandbox = _phone.Device.SandboxFolder;
        Assert.Equal($"{sandbox}\n{sandbox} {sandbox}\n1\n", result.Stdout);
        Assert.Equal("made\n", File.ReadAllText(Path.Combine(sandbox, "made.txt")));
    }

    [Fact]
    public async Task Many_shells_at_once_each_get_their_own_output()
    {
        var runs = Enumerable.Range(0, 16).Select(i => _phone.ShellAsync($"seq 1 {1000 + i} | tail -n 1; exit {i}")).ToArray();

        var results = await Task.WhenAll(runs);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal($"{1000 + i}\n", results[i].Stdout);
            Assert.Equal(i, results[i].ExitCode);
        }
    }

    [Fact]
    public async Task Large_output_arrives_complete()
    {
        var result = await _phone.ShellAsync("head -c 8000000 /dev/zero | tr '\\0' 'a'");

        Assert.Equal(8_000_000, result.Stdout.Length);
        Assert.All(result.Stdout, c => Assert.Equal('a', c));
    }
}
