using DeviceLab.Cli.Demo;
using DeviceLab.Testing;

namespace DeviceLab.Cli.Tests.Demo;

public sealed class DemoDataFolderTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("demo-data");

    [Fact]
    public void An_explicit_folder_is_used_as_given()
    {
        var (path, reason) = DemoDataFolder.Choose(_folder.Combine("mine"), _folder.Path);

        Assert.Equal(_folder.Combine("mine"), path);
        Assert.Null(reason);
    }

    [Fact]
    public void A_working_folder_the_postgres_user_can_enter_keeps_the_data_in_dot_devicelab()
    {
        var (path, reason) = DemoDataFolder.Choose(null, _folder.Path);

        Assert.Equal(_folder.Combine(".devicelab"), path);
        Assert.Null(reason);
    }

    [Fact]
    public void A_working_folder_closed_to_the_postgres_user_moves_the_data_to_the_fallback_root_when_root()
    {
        // Only root hands PostgreSQL to the postgres user (CI runs as root); DeviceLab hosts are Linux.
        if (!Environment.IsPrivilegedProcess || !OperatingSystem.IsLinux()) return;
        var closed = Directory.CreateDirectory(_folder.Combine("closed"));
        var inside = Directory.CreateDirectory(Path.Combine(closed.FullName, "clone")).FullName;
        File.SetUnixFileMode(closed.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); // like /root

        var (path, reason) = DemoDataFolder.Choose(null, inside, fallbackRoot: _folder.Combine("var-lib"));

        Assert.StartsWith(_folder.Combine("var-lib", "clone-"), path);
        Assert.Contains("postgres user cannot enter", reason);
        Assert.Equal(path, DemoDataFolder.Choose(null, inside, fallbackRoot: _folder.Combine("var-lib")).Path); // stable: reused next time
    }

    public void Dispose() => _folder.Dispose();
}
