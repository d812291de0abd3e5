using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DeviceLab.LocalPostgres;

/// <summary>
/// A private PostgreSQL cluster in a DeviceLab data folder, started from the machine's PostgreSQL programs.
/// The first start creates the cluster (initdb); later starts reuse it, so data survives restarts.
/// It listens on 127.0.0.1 only, with trust authentication for loopback (see docs/decisions/0003).
/// <para>Start with <see cref="StartAsync"/>, stop with <see cref="StopAsync"/> (or dispose).</para>
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    /// <summary>The database superuser initdb creates (trust authentication, loopback only).</summary>
    public const string SuperUser = "postgres";

    private const int PortAttempts = 3;

    private readonly LocalPostgresOptions _options;
    private readonly PostgresBinaries _binaries;
    private readonly ILogger _logger;
    private ClusterLock? _lock;

    private LocalPostgresCluster(LocalPostgresOptions options, PostgresBinaries binaries, ClusterLock clusterLock, ILogger logger)
    {
        _options = options;
        _binaries = binaries;
        _lock = clusterLock;
        _logger = logger;
        DataDirectory = Path.GetFullPath(options.DataDirectory);
    }

    /// <summary>The DeviceLab data folder this cluster lives in.</summary>
    public string DataDirectory { get; }

    /// <summary>The PostgreSQL cluster folder (PGDATA).</summary>
    public string ClusterDirectory => Path.Combine(DataDirectory, LocalPostgresOptions.ClusterFolderName);

    /// <summary>Folder of the server's Unix socket (inside the data folder, never /var/run).</summary>
    public string SocketDirectory => Path.Combine(DataDirectory, LocalPostgresOptions.SocketFolderName);

    /// <summary>The server's log file (inside the cluster folder: the server writes it as the postgres user).</summary>
    public string LogFile => Path.Combine(ClusterDirectory, LocalPostgresOptions.LogFileName);

    /// <summary>TCP port on 127.0.0.1 the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>True when this start created the cluster (initdb ran); false when an existing one was reused.</summary>
    public bool Created { get; private set; }

    /// <summary>True when the server was already running, left behind by a DeviceLab process that died
    /// without stopping it; it was taken over instead of started.</summary>
    public bool TookOverRunningServer { get; private set; }

    /// <summary>True while the server runs under this object's control.</summary>
    public bool IsRunning => _lock is not null;

    /// <summary>A connection string for <paramref name="database"/> as the superuser over TCP loopback.</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates the cluster if needed and starts it; on return it accepts connections.</summary>
    /// <exception cref="LocalPostgresException">The cluster cannot be used; the message says what to change.</exception>
    public static async Task<LocalPostgresCluster> StartAsync(
        LocalPostgresOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ValidatePort(options.Port);
        var binaries = PostgresBinaries.Find(options.BinarySearchPath);
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var clusterLock = ClusterLock.TryTake(dataDirectory) ?? throw new LocalPostgresException(
            $"The data folder {dataDirectory} is in use by another DeviceLab process (pid {ClusterLock.ReadOwner(dataDirectory) ?? "unknown"}) " +
            "whose PostgreSQL cluster runs there. Stop that process, or give this one its own folder with DEVICELAB_DATA " +
            "(or DeviceLab:DataDirectory).");
        var cluster = new LocalPostgresCluster(options, binaries, clusterLock, logger ?? NullLogger.Instance);
        try
        {
            await cluster.StartLockedAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            clusterLock.Dispose();
            throw;
        }
    }

    /// <summary>Creates <paramref name="database"/> unless it exists.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new() { Value = database } },
        };
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null) return;
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stops the server (fast shutdown: open sessions are ended, committed data is kept) and releases
    /// the data folder. Calling it twice is harmless.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_lock is null) return;
        try
        {
            var (exitCode, output) = await PostgresCommand.RunAsync(_binaries.PgCtl,
                ["stop", "-D", ClusterDirectory, "-m", "fast", "-w", "-t", $"{(int)_options.StartTimeout.TotalSeconds}"],
                _options.StartTimeout + TimeSpan.FromSeconds(5), cancellationToken);
            if (exitCode != 0 && PostmasterPidFile.Read(ClusterDirectory)?.ServerIsAlive() == true)
                throw new LocalPostgresException($"PostgreSQL in {ClusterDirectory} did not stop: {output}");
            _logger.LogInformation("Stopped the local PostgreSQL cluster in {ClusterDirectory}", ClusterDirectory);
        }
        finally
        {
            _lock.Dispose();
            _lock = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// Cleans up a data folder whose owner died without stopping its cluster (e.g. a test process that was killed):
    /// stops the server if it still runs and deletes the folder. Does nothing and returns false while a live
    /// process holds the folder.
    /// </summary>
    public static async Task<bool> TryDeleteAbandonedAsync(string dataDirectory, IReadOnlyList<string>? binarySearchPath = null)
    {
        if (!Directory.Exists(dataDirectory)) return false;
        using (var clusterLock = ClusterLock.TryTake(dataDirectory))
        {
            if (clusterLock is null) return false;
            var clusterDirectory = Path.Combine(dataDirectory, LocalPostgresOptions.ClusterFolderName);
            if (PostmasterPidFile.Read(clusterDirectory)?.ServerIsAlive() == true)
            {
                var binaries = PostgresBinaries.Find(binarySearchPath);
                await PostgresCommand.RunAsync(binaries.PgCtl, ["stop", "-D", clusterDirectory, "-m", "immediate", "-w"],
                    TimeSpan.FromSeconds(30), CancellationToken.None);
            }
        }
        Directory.Delete(dataDirectory, recursive: true);
        return true;
    }

    private static void ValidatePort(int port)
    {
        if (port == 0) return;
        if (port is < LocalPostgresOptions.MinimumPort or > 65535)
            throw new LocalPostgresException(
                $"Port {port} cannot be used for the local PostgreSQL cluster: it must be 0 (pick a free port) or " +
                $"{LocalPostgresOptions.MinimumPort}–65535 (the server runs as the unprivileged postgres user). " +
                "Change DeviceLab:LocalPostgres:Port.");
    }

    private async Task StartLockedAsync(CancellationToken cancellationToken)
    {
        await PrepareFoldersAsync(cancellationToken);
        if (await TryTakeOverRunningServerAsync(cancellationToken)) return;
        if (_options.Port != 0) ChoosePort(); // a busy configured port fails here, before initdb spends seconds

        if (!File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION"))) await CreateClusterAsync(cancellationToken);
        await CheckClusterVersionAsync(cancellationToken);

        for (var attempt = 1; ; attempt++)
        {
            Port = ChoosePort();
            WriteSettings();
            var (exitCode, output) = await PostgresCommand.RunAsync(_binaries.PgCtl,
                ["start", "-D", ClusterDirectory, "-l", LogFile, "-w", "-t", $"{(int)_options.StartTimeout.TotalSeconds}", "-s"],
                _options.StartTimeout + TimeSpan.FromSeconds(5), cancellationToken);
            if (exitCode == 0) break;
            var log = ReadLogTail();
            // Another program may take a port between picking and binding it; pick again.
            if (_options.Port == 0 && attempt < PortAttempts && log.Contains("could not bind", StringComparison.OrdinalIgnoreCase)) continue;
            throw new LocalPostgresException(
                $"PostgreSQL in {ClusterDirectory} did not start on port {Port}: {output} Last lines of {LogFile}:\n{log}");
        }
        _logger.LogInformation("Started the local PostgreSQL cluster in {ClusterDirectory} on 127.0.0.1:{Port} ({Origin})",
            ClusterDirectory, Port, Created ? "created" : "reused");
    }

    private async Task PrepareFoldersAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(SocketDirectory);
        var newCluster = !Directory.Exists(ClusterDirectory);
        if (newCluster) Directory.CreateDirectory(ClusterDirectory);
        if (!PostgresCommand.RunsAsServiceUser) return;

        var (chown, chownOutput) = await PostgresCommand.RunSystemAsync("chown",
            [$"{PostgresCommand.ServiceUser}:", ClusterDirectory, SocketDirectory], cancellationToken);
        if (chown != 0)
            throw new LocalPostgresException(
                $"Could not hand {ClusterDirectory} to the '{PostgresCommand.ServiceUser}' user ({chownOutput}). PostgreSQL refuses to run " +
                $"as root, so DeviceLab runs it as '{PostgresCommand.ServiceUser}'; install the postgresql package (it creates that user).");
        var (reachable, _) = await PostgresCommand.RunAsync("test", ["-w", ClusterDirectory, "-a", "-w", SocketDirectory],
            TimeSpan.FromSeconds(10), cancellationToken);
        if (reachable != 0)
            throw new LocalPostgresException(
                $"The '{PostgresCommand.ServiceUser}' user cannot reach {DataDirectory}: a folder above it is closed to other users. " +
                "PostgreSQL refuses to run as root, so DeviceLab runs it as that user. Point DEVICELAB_DATA (or DeviceLab:DataDirectory) " +
                "to a folder it can enter, e.g. /var/lib/devicelab or a folder under /srv or /tmp.");
    }

    /// <summary>
    /// A server may still run here although no process holds the lock: its DeviceLab process was killed. pg_ctl
    /// started it as a daemon, so it outlived its parent. Reuse it rather than fail or kill it. A postmaster.pid
    /// whose process is gone is stale (a crash) and is removed so the next start works.
    /// </summary>
    private async Task<bool> TryTakeOverRunningServerAsync(CancellationToken cancellationToken)
    {
        var pidFile = PostmasterPidFile.Read(ClusterDirectory);
        if (pidFile is null) return false;
        if (!pidFile.ServerIsAlive())
        {
            _logger.LogWarning("Removing stale {PidFile} of process {ProcessId} (the server did not stop cleanly last time)",
                PostmasterPidFile.FileName, pidFile.ProcessId);
            PostmasterPidFile.Delete(ClusterDirectory);
            return false;
        }
        if (_options.Port != 0 && _options.Port != pidFile.Port)
            throw new LocalPostgresException(
                $"A PostgreSQL server (pid {pidFile.ProcessId}) already runs in {ClusterDirectory} on port {pidFile.Port}, not on the " +
                $"configured port {_options.Port}. Stop it (`pg_ctl stop -D {ClusterDirectory}` as the postgres user) or set " +
                $"DeviceLab:LocalPostgres:Port to {pidFile.Port} or 0.");
        Port = pidFile.Port;
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString());
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new LocalPostgresException(
                $"A PostgreSQL server (pid {pidFile.ProcessId}) runs in {ClusterDirectory} but does not accept connections on " +
                $"127.0.0.1:{pidFile.Port} ({e.Message}). Stop it (`pg_ctl stop -D {ClusterDirectory}` as the postgres user) or point " +
                "DEVICELAB_DATA (or DeviceLab:DataDirectory) to another folder.", e);
        }
        TookOverRunningServer = true;
        _logger.LogWarning("Took over the PostgreSQL server (pid {ProcessId}) still running in {ClusterDirectory} on port {Port}; " +
            "the DeviceLab process that started it is gone", pidFile.ProcessId, ClusterDirectory, Port);
        return true;
    }

    private async Task CreateClusterAsync(CancellationToken cancellationToken)
    {
        if (Directory.EnumerateFileSystemEntries(ClusterDirectory).Any())
            throw new LocalPostgresException(
                $"{ClusterDirectory} is not empty but holds no PostgreSQL cluster (no PG_VERSION file). Move its contents away " +
                "or point DEVICELAB_DATA (or DeviceLab:DataDirectory) to another folder.");
        List<string> arguments = ["-D", ClusterDirectory, "-U", SuperUser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-instructions"];
        if (!_options.Durable) arguments.Add("--no-sync");
        _logger.LogInformation("Creating a PostgreSQL cluster in {ClusterDirectory} with {InitDb}", ClusterDirectory, _binaries.InitDb);
        var (exitCode, output) = await PostgresCommand.RunAsync(_binaries.InitDb, arguments, TimeSpan.FromMinutes(2), cancellationToken);
        if (exitCode != 0)
            throw new LocalPostgresException($"initdb could not create a PostgreSQL cluster in {ClusterDirectory}: {output}");
        // Settings that change per start (port) live in an included file DeviceLab rewrites; the user's own
        // postgresql.conf edits and ALTER SYSTEM settings stay untouched.
        await File.AppendAllTextAsync(Path.Combine(ClusterDirectory, "postgresql.conf"),
            $"\n# DeviceLab: per-start settings (port, sockets, durability)\ninclude_if_exists = '{SettingsFileName}'\n", cancellationToken);
        Created = true;
    }

    private const string SettingsFileName = "devicelab.conf";

    private async Task CheckClusterVersionAsync(CancellationToken cancellationToken)
    {
        var clusterVersion = (await File.ReadAllTextAsync(Path.Combine(ClusterDirectory, "PG_VERSION"), cancellationToken)).Trim();
        var (_, versionOutput) = await PostgresCommand.RunAsync(_binaries.PgCtl, ["--version"], TimeSpan.FromSeconds(10), cancellationToken);
        // "pg_ctl (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)" → "15"
        var binariesVersion = versionOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2)?.Split('.')[0];
        if (binariesVersion is not null && binariesVersion != clusterVersion)
            throw new LocalPostgresException(
                $"The cluster in {ClusterDirectory} was created by PostgreSQL {clusterVersion}, but the programs found in " +
                $"{_binaries.Directory} are version {binariesVersion}. Put PostgreSQL {clusterVersion}'s bin folder first on PATH, " +
                "upgrade the cluster with pg_upgrade, or point DEVICELAB_DATA to another folder.");
    }

    private int ChoosePort()
    {
        if (_options.Port == 0) return LoopbackPort.PickFree();
        if (!LoopbackPort.IsFree(_options.Port))
            throw new LocalPostgresException(
                $"Port {_options.Port} on 127.0.0.1 is already in use by another program, so the local PostgreSQL cluster cannot " +
                "listen there. Change DeviceLab:LocalPostgres:Port to a free port, or to 0 to pick one at every start.");
        return _options.Port;
    }

    private void WriteSettings()
    {
        // Unix sockets have a path limit of 107 bytes; connections use TCP anyway, the socket only serves psql.
        var socketPath = Path.Combine(SocketDirectory, $".s.PGSQL.{Port}");
        var socketDirectories = socketPath.Length < 100 ? SocketDirectory : "";
        var settings = $"""
            # Written by DeviceLab at every start; edit postgresql.conf instead.
            listen_addresses = '127.0.0.1'
            port = {Port}
            unix_socket_directories = '{socketDirectories.Replace("'", "''")}'
            """ + "\n";
        if (!_options.Durable)
            settings += "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n";
        File.WriteAllText(Path.Combine(ClusterDirectory, SettingsFileName), settings);
    }

    private string ReadLogTail()
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogFile).TakeLast(10));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }
}
