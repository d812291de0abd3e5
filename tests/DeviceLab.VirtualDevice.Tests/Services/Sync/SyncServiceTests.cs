using DeviceLab.VirtualDevice.Tests.AdbCli;

namespace DeviceLab.VirtualDevice.Tests.Services.Sync;

[Collection(AdbServerCollection.Name)]
public sealed class SyncServiceTests(AdbCliServer adb) : IAsyncLifetime
{
    private readonly TestFolder _local = new("sync-local");
    private ConnectedDevice _phone = null!;

    public async Task InitializeAsync() => _phone = await ConnectedDevice.StartAsync(adb);

    public async Task DisposeAsync()
    {
        await _phone.DisposeAsync();
        _local.Dispose();
    }

    [Fact]
    public async Task Push_then_pull_round_trips_byte_identical()
    {
        var original = _local.Combine("model.gguf");
        var content = new byte[3 * 1024 * 1024 + 12345];
        new Random(7).NextBytes(content);
        await File.WriteAllBytesAsync(original, content);

        (await _phone.AdbAsync("push", original, "/data/local/tmp/models/model.gguf")).EnsureSuccess();
        (await _phone.AdbAsync("pull", "/data/local/tmp/models/model.gguf", _local.Combine("back.gguf"))).EnsureSuccess();

        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(_phone.Device.SandboxFolder, "models", "model.gguf")));
        Assert.Equal(content, await File.ReadAllBytesAsync(_local.Combine("back.gguf")));
    }

    [Fact]
    public async Task Concurrent_pushes_and_pulls_do_not_mix_their_bytes()
    {
        var files = Enumerable.Range(0, 6).Select(i =>
        {
            var content = new byte[1024 * 1024 + i * 4099];
            new Random(i).NextBytes(content);
            File.WriteAllBytes(_local.Combine($"part{i}.bin"), content);
            return content;
        }).ToArray();

        var pushes = files.Select((_, i) => _phone.AdbAsync("push", _local.Combine($"part{i}.bin"), $"/data/local/tmp/parts/part{i}.bin"));
        foreach (var push in await Task.WhenAll(pushes)) push.EnsureSuccess();
        var pulls = files.Select((_, i) => _phone.AdbAsync("pull", $"/data/local/tmp/parts/part{i}.bin", _local.Combine($"back{i}.bin")));
        foreach (var pull in await Task.WhenAll(pulls)) pull.EnsureSuccess();

        for (var i = 0; i < files.Length; i++) Assert.Equal(files[i], await File.ReadAllBytesAsync(_local.Combine($"back{i}.bin")));
    }

    [Fact]
    public async Task Pushed_file_keeps_its_mtime_and_executable_bit()
    {
        var script = _local.Combine("hello.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho hello from $0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var mtime = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(script, mtime);

        (await _phone.AdbAsync("push", script, "/data/local/tmp/")).EnsureSuccess();
        var run = await _phone.ShellAsync("/data/local/tmp/hello.sh");

        Assert.Equal($"hello from {_phone.Device.SandboxFolder}/hello.sh\n", run.Stdout);
        Assert.Equal(mtime, File.GetLastWriteTimeUtc(Path.Combine(_phone.Device.SandboxFolder, "hello.sh")));
    }

    [Fact]
    public async Task Folders_push_and_pull_recursively()
    {
        Directory.CreateDirectory(_local.Combine("up", "nested"));
        await File.WriteAllTextAsync(_local.Combine("up", "a.txt"), "alpha");
        await File.WriteAllTextAsync(_local.Combine("up", "nested", "b.txt"), "beta");

        (await _phone.AdbAsync("push", _local.Combine("up"), "/data/local/tmp/tree")).EnsureSuccess();
        (await _phone.AdbAsync("pull", "/data/local/tmp/tree", _local.Combine("down"))).EnsureSuccess();

        Assert.Equal("alpha", await File.ReadAllTextAsync(_local.Combine("down", "a.txt")));
        Assert.Equal("beta", await File.ReadAllTextAsync(_local.Combine("down", "nested", "b.txt")));
    }

    [Fact]
    public async Task Listing_shows_the_sandbox_and_the_way_down_to_it()
    {
        await File.WriteAllTextAsync(Path.Combine(_phone.Device.SandboxFolder, "listed.bin"), "12345");

        var sandbox = await _phone.AdbAsync("ls", "/data/local/tmp");
        var root = await _phone.AdbAsync("ls", "/data/local");

        Assert.Contains(sandbox.Stdout.Split('\n'), line => line.EndsWith(" listed.bin") && line.Contains(" 00000005 "));
        Assert.Contains(root.Stdout.Split('\n'), line => line.StartsWith("000041ed") && line.EndsWith(" tmp"));
    }

    [Fact]
    public async Task Writing_outside_data_local_tmp_fails_naming_the_path()
    {
        var file = _local.Combine("x.bin");
        await File.WriteAllTextAsync(file, "x");

        var system = await _phone.AdbAsync("push", file, "/system/bin/x.bin");
        var escape = await _phone.AdbAsync("push", file, "/data/local/tmp/../../../etc/x.bin");
        var ancestor = await _phone.AdbAsync("push", file, "/data/x.bin");

        Assert.NotEqual(0, system.ExitCode);
        Assert.Contains("'/system/bin/x.bin' is outside the virtual device's storage", system.Output);
        Assert.Contains("'/etc/x.bin' is outside", escape.Output);
        Assert.Contains("'/data/x.bin' is outside", ancestor.Output);
        Assert.False(File.Exists("/etc/x.bin"));
    }

    [Fact]
    public async Task Pulling_a_missing_file_fails_naming_it()
    {
        var result = await _phone.AdbAsync("pull", "/data/local/tmp/missing.gguf", _local.Combine("missing.gguf"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'/data/local/tmp/missing.gguf'", result.Output);
        Assert.Contains("No such file or directory", result.Output);
    }

    [Fact]
    public async Task Replacing_a_running_program_works_like_on_a_phone()
    {
        var program = _local.Combine("agent.sh");
        await File.WriteAllTextAsync(program, "#!/bin/sh\nsleep 30\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        (await _phone.AdbAsync("push", program, "/data/local/tmp/agent.sh")).EnsureSuccess();
        using var running = adb.Start("-s", _phone.Address, "shell", "/data/local/tmp/agent.sh");
        await File.WriteAllTextAsync(program, "#!/bin/sh\necho v2\n");

        var replaced = await _phone.AdbAsync("push", program, "/data/local/tmp/agent.sh");
        var run = await _phone.ShellAsync("/data/local/tmp/agent.sh");
        running.Kill();

        replaced.EnsureSuccess();
        Assert.Equal("v2\n", run.Stdout);
    }
}
