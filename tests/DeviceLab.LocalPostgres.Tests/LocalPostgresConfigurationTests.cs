using System.Net;
using System.Net.Sockets;
using DeviceLab.Testing;

namespace DeviceLab.LocalPostgres.Tests;

/// <summary>Bad configuration fails at once, with one message that says what to change.</summary>
public sealed class LocalPostgresConfigurationTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("pg-config");

    [Fact]
    public async Task Missing_binaries_say_which_package_to_install()
    {
        using var empty = new TemporaryFolder("no-postgres");

        var error = await Assert.ThrowsAsync<LocalPostgresException>(() => LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = _folder.Path, BinarySearchPath = [empty.Path] }));

        Assert.Contains("apt-get install postgresql", error.Message);
        Assert.Contains(empty.Path, error.Message);
        Assert.Contains("ConnectionStrings:DeviceLab", error.Message);
    }

    [Fact]
    public void Binaries_are_found_beside_the_target_of_a_linked_initdb()
    {
        using var linked = new TemporaryFolder("pg-links");
        var real = PostgresBinaries.Find();
        File.CreateSymbolicLink(linked.Combine("initdb"), real.InitDb);

        var found = PostgresBinaries.Find([linked.Path]);

        Assert.Equal(real.Directory, found.Directory);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(70000)]
    [InlineData(-1)]
    public async Task A_port_outside_the_usable_range_is_refused(int port)
    {
        var error = await Assert.ThrowsAsync<LocalPostgresException>(() => LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = _folder.Path, Port = port }));

        Assert.Contains($"Port {port}", error.Message);
        Assert.Contains("DeviceLab:LocalPostgres:Port", error.Message);
    }

    [Fact]
    public async Task A_port_in_use_is_refused_before_any_cluster_is_created()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<LocalPostgresException>(() => LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = _folder.Path, Port = port }));

        Assert.Contains($"Port {port} on 127.0.0.1 is already in use", error.Message);
        Assert.Contains("DeviceLab:LocalPostgres:Port", error.Message);
        Assert.False(File.Exists(Path.Combine(_folder.Path, LocalPostgresOptions.ClusterFolderName, "PG_VERSION")));
    }

    [Fact]
    public async Task A_cluster_folder_with_foreign_contents_is_not_overwritten()
    {
        var clusterFolder = Path.Combine(_folder.Path, LocalPostgresOptions.ClusterFolderName);
        Directory.CreateDirectory(clusterFolder);
        await File.WriteAllTextAsync(Path.Combine(clusterFolder, "notes.txt"), "mine");

        var error = await Assert.ThrowsAsync<LocalPostgresException>(() => LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = _folder.Path }));

        Assert.Contains("holds no PostgreSQL cluster", error.Message);
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(clusterFolder, "notes.txt")));
    }

    public void Dispose() => _folder.Dispose();
}
