namespace DeviceLab.LocalPostgres;

/// <summary>Where and how the private PostgreSQL cluster runs.</summary>
public sealed record LocalPostgresOptions
{
    /// <summary>DeviceLab's data folder. The cluster lives in its <see cref="ClusterFolderName"/> subfolder (with the
    /// server log <see cref="LogFileName"/>), its Unix socket in <see cref="SocketFolderName"/>.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>TCP port on 127.0.0.1; 0 picks a free port at every start.</summary>
    public int Port { get; init; }

    /// <summary>Folders searched for initdb, pg_ctl and postgres, in order. <c>null</c> means the default:
    /// every PATH entry, then <c>/usr/lib/postgresql/*/bin</c> newest version first.</summary>
    public IReadOnlyList<string>? BinarySearchPath { get; init; }

    /// <summary>False for throw-away clusters (tests): fsync and synchronous commit are turned off, which makes
    /// initdb and every commit much faster but loses data on a machine crash.</summary>
    public bool Durable { get; init; } = true;

    /// <summary>How long pg_ctl may take to start or stop the server.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public const string ClusterFolderName = "postgres";
    public const string SocketFolderName = "postgres-socket";
    public const string LogFileName = "postgres.log";
    public const string LockFileName = "postgres.lock";

    /// <summary>Lowest port the cluster may use: the server runs as the unprivileged postgres user.</summary>
    public const int MinimumPort = 1024;
}
