using System.Security.Cryptography;
using DeviceLab.Testing.Adb;

namespace DeviceLab.Adb.Tests.Sync;

[Collection(DeviceCollection.Name)]
public sealed class SyncTests(ConnectedDeviceFixture lab)
{
    private const string Tmp = "/data/local/tmp";
    private AdbDevice Device => lab.Device.Adb;

    [Fact]
    public async Task Fifty_megabytes_pushed_and_pulled_back_are_byte_identical_with_progress()
    {
        var scratch = lab.Server.CreateScratchDirectory("roundtrip");
        var local = Path.Combine(scratch, "variant.bin");
        await WriteRandomFileAsync(local, 50 * 1024 * 1024);
        var remote = $"{Tmp}/roundtrip-{Guid.NewGuid():N}.bin";
        var pushed = new RecordingProgress();
        var pulled = new RecordingProgress();

        await Device.PushFileAsync(local, remote, pushed);
        var copy = Path.Combine(scratch, "copy.bin");
        await Device.PullFileAsync(remote, copy, pulled);

        Assert.Equal(await HashAsync(local), await HashAsync(copy));
        pushed.AssertCompleteRun(50 * 1024 * 1024);
        pulled.AssertCompleteRun(50 * 1024 * 1024);
    }

    [Fact]
    public async Task Stat_reports_size_type_permissions_and_mtime_of_a_pushed_file()
    {
        var remote = $"{Tmp}/stat-{Guid.NewGuid():N}.txt";
        var mtime = new DateTimeOffset(2024, 5, 17, 10, 30, 0, TimeSpan.Zero);
        await Device.PushAsync(new MemoryStream(new byte[12345]), remote, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, mtime);

        var info = await Device.StatAsync(remote);

        Assert.NotNull(info);
        Assert.True(info.IsRegularFile);
        Assert.Equal(12345, info.Size);
        Assert.Equal(mtime, info.ModifiedAt);
        Assert.True(info.Permissions.HasFlag(UnixFileMode.UserExecute), $"mode {Convert.ToString(info.Mode, 8)}");
    }

    [Fact]
    public async Task Stat_of_a_missing_path_is_null_and_of_a_directory_says_directory()
    {
        Assert.Null(await Device.StatAsync($"{Tmp}/does-not-exist-{Guid.NewGuid():N}"));
        Assert.True((await Device.StatAsync(Tmp))!.IsDirectory);
    }

    [Fact]
    public async Task List_shows_the_files_of_a_directory_with_their_sizes()
    {
        var directory = $"{Tmp}/list-{Guid.NewGuid():N}";
        (await Device.RunShellAsync("mkdir", "-p", directory)).EnsureSuccess();
        await Device.PushAsync(new MemoryStream(new byte[10]), $"{directory}/a.bin");
        await Device.PushAsync(new MemoryStream(new byte[2000]), $"{directory}/b b.bin");
        (await Device.RunShellAsync("mkdir", $"{directory}/sub")).EnsureSuccess();

        var entries = await Device.ListDirectoryAsync(directory);

        Assert.Equal(["a.bin", "b b.bin", "sub"], entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2000, entries.Single(e => e.Name == "b b.bin").Info.Size);
        Assert.True(entries.Single(e => e.Name == "sub").Info.IsDirectory);
        Assert.Equal($"{directory}/a.bin", entries.Single(e => e.Name == "a.bin").Info.Path);
    }

    [Fact]
    public async Task Listing_a_missing_directory_says_so()
    {
        var error = await Assert.ThrowsAsync<AdbSyncException>(() => Device.ListDirectoryAsync($"{Tmp}/nothing-{Guid.NewGuid():N}"));

        Assert.Contains("no such directory", error.Message);
        Assert.Contains(lab.Device.Serial, error.Message);
    }

    [Fact]
    public async Task Pulling_a_missing_file_is_a_sync_error_and_leaves_no_local_file()
    {
        var local = Path.Combine(lab.Server.CreateScratchDirectory("missing"), "out.bin");
        var remote = $"{Tmp}/missing-{Guid.NewGuid():N}.bin";

        var error = await Assert.ThrowsAsync<AdbSyncException>(() => Device.PullFileAsync(remote, local));

        Assert.Contains(remote, error.Message);
        Assert.Contains(lab.Device.Serial, error.Message);
        Assert.False(File.Exists(local));
        Assert.False(File.Exists(local + ".partial"));
    }

    [Fact]
    public async Task Pulling_into_a_missing_local_folder_names_the_folder_problem()
    {
        var local = Path.Combine(lab.Server.CreateScratchDirectory("nofolder"), "missing", "out.bin");

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Device.PullFileAsync(Tmp + "/anything", local));
    }

    [Fact]
    public async Task Pushing_where_the_device_cannot_write_surfaces_its_reason()
    {
        (await Device.RunShellAsync("sh", "-c", "touch \"$1\"", "sh", $"{Tmp}/blocker")).EnsureSuccess();

        var error = await Assert.ThrowsAsync<AdbSyncException>(() => Device.PushAsync(new MemoryStream(new byte[100]), $"{Tmp}/blocker/file.bin"));

        Assert.Contains("blocker/file.bin", error.Message);
        Assert.NotEmpty(error.DeviceMessage);
    }

    [Fact]
    public async Task One_sync_session_serves_several_requests()
    {
        await using var sync = await Device.OpenSyncAsync();
        var remote = $"{Tmp}/session-{Guid.NewGuid():N}.txt";

        await sync.PushAsync(new MemoryStream("hello"u8.ToArray()), remote);
        var info = await sync.StatAsync(remote);
        var copy = new MemoryStream();
        await sync.PullAsync(remote, copy);

        Assert.Equal(5, info!.Size);
        Assert.Equal("hello"u8.ToArray(), copy.ToArray());
    }

    [Fact]
    public async Task A_cancelled_push_ends_promptly_and_the_device_stays_usable()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.BytesTransferred > 1024 * 1024) cancel.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Device.PushAsync(new EndlessStream(), $"{Tmp}/cancelled.bin", progress: progress, cancellationToken: cancel.Token));

        Assert.NotNull(await Device.StatAsync(Tmp));
    }

    [Fact]
    public async Task Stat_and_list_v1_work_for_devices_without_stat_v2_and_ls_v2()
    {
        var directory = $"{Tmp}/v1-{Guid.NewGuid():N}";
        (await Device.RunShellAsync("mkdir", "-p", directory)).EnsureSuccess();
        var mtime = new DateTimeOffset(2023, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await Device.PushAsync(new MemoryStream(new byte[4321]), $"{directory}/one.bin", modifiedAt: mtime);
        await using var sync = await Device.OpenSyncAsync(AdbFeatureSet.Parse("shell_v2"), CancellationToken.None);

        var info = await sync.StatAsync($"{directory}/one.bin");
        var missing = await sync.StatAsync($"{directory}/none.bin");
        var entries = await sync.ListAsync(directory);

        Assert.Equal(4321, info!.Size);
        Assert.True(info.IsRegularFile);
        Assert.Equal(mtime, info.ModifiedAt);
        Assert.Null(missing);
        var entry = Assert.Single(entries);
        Assert.Equal("one.bin", entry.Name);
        Assert.Equal(4321, entry.Info.Size);
    }

    private static async Task WriteRandomFileAsync(string path, int bytes)
    {
        var data = new byte[bytes];
        new Random(1234).NextBytes(data);
        await File.WriteAllBytesAsync(path, data);
    }

    private static async Task<string> HashAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(file));
    }
}
