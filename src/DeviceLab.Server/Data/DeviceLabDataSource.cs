using Npgsql;

namespace DeviceLab.Server.Data;

/// <summary>
/// Npgsql's data source for the SQL EF Core is not the right tool for: leases (row locks and the database clock),
/// bulk COPY, LISTEN/NOTIFY. Built on first use, because the connection string is known only once the host has
/// started (docs/decisions/0002).
/// </summary>
public sealed class DeviceLabDataSource(DeviceLabDatabase database) : IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource> _dataSource = new(() => NpgsqlDataSource.Create(database.ConnectionString));

    public NpgsqlDataSource DataSource => _dataSource.Value;

    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        DataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>The connection string, for the one connection that stays open to LISTEN.</summary>
    public string ConnectionString => database.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        if (_dataSource.IsValueCreated) await _dataSource.Value.DisposeAsync();
    }
}
