using DeviceLab.LocalPostgres;
using Npgsql;
using Testcontainers.PostgreSql;

namespace DeviceLab.Testing.Postgres;

/// <summary>
/// The one PostgreSQL server of a test process, chosen once in this order:
/// <list type="number">
/// <item>the connection string in <c>DEVICELAB_TEST_POSTGRES</c> (a role allowed to CREATE DATABASE);</item>
/// <item>a Testcontainers PostgreSQL container, when a Docker engine answers;</item>
/// <item>a private local cluster (<see cref="LocalPostgresCluster"/>, non-durable) in a temp folder.</item>
/// </list>
/// Containers and clusters are stopped when the test process exits. Use <see cref="PostgresDatabaseFixture"/>
/// rather than this class: it gives each test class its own database.
/// </summary>
public sealed class PostgresTestServer
{
    public const string ConnectionStringVariable = "DEVICELAB_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresTestServer>> Shared = new(StartAsync);

    /// <summary>
    /// The local cluster, kept reachable for the whole process: it holds the folder's lock file open. Unreferenced, the
    /// lock's file handle is finalized by the GC, the folder looks abandoned, and the next test process that starts
    /// (another project, another worktree) stops this cluster and deletes it in the middle of our tests.
    /// </summary>
    private static LocalPostgresCluster? _cluster;

    private PostgresTestServer(string adminConnectionString, string kind)
    {
        AdminConnectionString = adminConnectionString;
        Kind = kind;
    }

    /// <summary>Connection string of the server's maintenance database, for CREATE / DROP DATABASE.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Where the server came from: "environment", "testcontainers" or "local cluster".</summary>
    public string Kind { get; }

    public static Task<PostgresTestServer> GetAsync() => Shared.Value;

    /// <summary>Connection string of <paramref name="database"/> on this server.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    public async Task CreateDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DropDatabaseAsync(string database)
    {
        await using (var pooled = new NpgsqlConnection(ConnectionStringFor(database))) NpgsqlConnection.ClearPool(pooled);
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresTestServer> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return new PostgresTestServer(configured, "environment");

        if (DockerEngine.IsReachable())
        {
            var container = new PostgreSqlBuilder("postgres:16-alpine").Build();
            await container.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return new PostgresTestServer(
                new NpgsqlConnectionStringBuilder(container.GetConnectionString()) { Database = "postgres" }.ConnectionString,
                "testcontainers");
        }

        await DeleteAbandonedClustersAsync();
        var folder = new TemporaryFolder("pg-cluster");
        var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions { DataDirectory = folder.Path, Durable = false });
        _cluster = cluster;
        StopWhenThisProcessEnds(cluster, folder);
        return new PostgresTestServer(cluster.ConnectionString(), "local cluster");
    }

    /// <summary>
    /// The test host may be killed right after its last test (ProcessExit handlers do not always finish), so a
    /// detached shell outside the test's process tree waits for this process to end, then stops the cluster
    /// (immediate: nothing in it is worth keeping) and deletes its folder.
    /// </summary>
    private static void StopWhenThisProcessEnds(LocalPostgresCluster cluster, TemporaryFolder folder)
    {
        var pgCtl = $"'{PostgresBinaries.Find().PgCtl}' stop -D '{cluster.ClusterDirectory}' -m immediate -w";
        if (Environment.IsPrivilegedProcess) pgCtl = $"runuser -u postgres -- {pgCtl}";
        var script = $"( while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 0.5; done; {pgCtl}; rm -rf '{folder.Path}' ) </dev/null >/dev/null 2>&1 &";
        using var watcher = System.Diagnostics.Process.Start("sh", ["-c", script]);
        watcher.WaitForExit(); // the outer shell returns at once; its background child lives on, re-parented
    }

    /// <summary>Test processes that were killed leave their cluster running; their folders are no longer locked.</summary>
    /// <remarks>A folder whose creating process (its name says which) is alive is never touched: that process may not
    /// have taken the folder's lock yet (it is created first), and the lock test alone then let a starting test run
    /// delete another's folder and later stop its cluster with "immediate shutdown" — every other test class of that run
    /// failed with "Connection reset by peer".</remarks>
    private static async Task DeleteAbandonedClustersAsync()
    {
        if (!Directory.Exists(TemporaryFolder.Root)) return;
        foreach (var folder in Directory.EnumerateDirectories(TemporaryFolder.Root, "pg-cluster-*"))
        {
            if (CreatorIsAlive(folder)) continue;
            try
            {
                await LocalPostgresCluster.TryDeleteAbandonedAsync(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or LocalPostgresException)
            {
                // Best effort: another test process may be cleaning the same folder.
            }
        }
    }

    // TemporaryFolder names are "<purpose>-<pid>-<random>".
    private static bool CreatorIsAlive(string folder)
    {
        var parts = Path.GetFileName(folder).Split('-');
        if (parts.Length < 4 || !int.TryParse(parts[2], out var pid)) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
    }
}
