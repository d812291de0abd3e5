using DeviceLab.Testing;
using Npgsql;

namespace DeviceLab.LocalPostgres.Tests;

/// <summary>The cluster's life: create, stop, reuse, and the ways a previous life can end badly.</summary>
public sealed class LocalPostgresClusterTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("pg-life");

    private LocalPostgresOptions Options => new() { DataDirectory = _folder.Path, Durable = false };

    [Fact]
    public async Task Starts_stops_cleanly_and_reuses_its_data_on_the_next_start()
    {
        var first = await LocalPostgresCluster.StartAsync(Options);
        Assert.True(first.Created);
        await first.EnsureDatabaseAsync("devicelab");
        await ExecuteAsync(first.ConnectionString("devicelab"), "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('survives')");
        var firstServer = PostmasterPidFile.Read(first.ClusterDirectory)!;
        await first.StopAsync();

        Assert.False(first.IsRunning);
        Assert.Null(PostmasterPidFile.Read(first.ClusterDirectory));
        Assert.False(firstServer.ServerIsAlive());
        Assert.StartsWith(_folder.Path, firstServer.SocketDirectory);

        await using var second = await LocalPostgresCluster.StartAsync(Options);
        Assert.False(second.Created);
        await second.EnsureDatabaseAsync("devicelab"); // exists already: no error
        Assert.Equal("survives", await ScalarAsync(second.ConnectionString("devicelab"), "SELECT value FROM kept"));
    }

    [Fact]
    public async Task A_second_cluster_on_a_data_folder_in_use_is_refused_with_what_to_change()
    {
        await using var running = await LocalPostgresCluster.StartAsync(Options);

        var error = await Assert.ThrowsAsync<LocalPostgresException>(() => LocalPostgresCluster.StartAsync(Options));

        Assert.Contains("in use by another DeviceLab process", error.Message);
        Assert.Contains($"pid {Environment.ProcessId}", error.Message);
        Assert.Contains("DEVICELAB_DATA", error.Message);
        Assert.Equal("1", await ScalarAsync(running.ConnectionString(), "SELECT '1'")); // the first one is untouched
    }

    [Fact]
    public async Task A_stale_postmaster_pid_after_a_crash_does_not_stop_the_next_start()
    {
        var cluster = await LocalPostgresCluster.StartAsync(Options);
        await cluster.StopAsync();
        // What a power cut leaves: the pid file of a server that no longer runs.
        await File.WriteAllTextAsync(Path.Combine(cluster.ClusterDirectory, PostmasterPidFile.FileName),
            $"999999999\n{cluster.ClusterDirectory}\n1700000000\n5432\n{cluster.SocketDirectory}\n127.0.0.1\n  1234  5678\nready\n");

        await using var restarted = await LocalPostgresCluster.StartAsync(Options);

        Assert.False(restarted.Created);
        Assert.Equal("1", await ScalarAsync(restarted.ConnectionString(), "SELECT '1'"));
    }

    [Fact]
    public async Task A_server_left_running_by_a_dead_DeviceLab_process_is_taken_over_and_stopped_later()
    {
        var cluster = await LocalPostgresCluster.StartAsync(Options);
        await cluster.StopAsync();
        // The server outlives a killed DeviceLab process (pg_ctl daemonises it): start it the same way by hand.
        var pgCtl = PostgresBinaries.Find().PgCtl;
        var (exitCode, output) = await PostgresCommand.RunAsync(pgCtl, ["start", "-D", cluster.ClusterDirectory, "-l", cluster.LogFile, "-w", "-s"],
            TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.True(exitCode == 0, output);
        var orphan = PostmasterPidFile.Read(cluster.ClusterDirectory)!;

        var takenOver = await LocalPostgresCluster.StartAsync(Options);
        Assert.True(takenOver.TookOverRunningServer);
        Assert.Equal(orphan.Port, takenOver.Port);
        Assert.Equal("1", await ScalarAsync(takenOver.ConnectionString(), "SELECT '1'"));
        await takenOver.StopAsync();

        Assert.False(orphan.ServerIsAlive());
    }

    public void Dispose() => _folder.Dispose();

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<string?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
