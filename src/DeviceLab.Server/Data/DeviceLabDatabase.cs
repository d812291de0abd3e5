namespace DeviceLab.Server.Data;

/// <summary>
/// Where the database is. Known only once <see cref="DatabaseStartup"/> has run at host start: the local cluster
/// picks its port then. EF Core, Hangfire and the health checks read <see cref="ConnectionString"/> lazily.
/// </summary>
public sealed class DeviceLabDatabase
{
    private string? _connectionString;

    /// <summary>True when DeviceLab runs its own private PostgreSQL cluster (no connection string configured).</summary>
    public bool IsLocalCluster { get; private set; }

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException(
        "The database is not ready: it is connected while the host starts (DatabaseStartup). Use it after the host has started.");

    internal void Ready(string connectionString, bool isLocalCluster)
    {
        _connectionString = connectionString;
        IsLocalCluster = isLocalCluster;
    }
}
