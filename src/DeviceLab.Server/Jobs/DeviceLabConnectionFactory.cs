using DeviceLab.Server.Data;
using Hangfire.PostgreSql;
using Npgsql;

namespace DeviceLab.Server.Jobs;

/// <summary>Hands Hangfire connections to DeviceLab's database, which is only known once the host has started.</summary>
internal sealed class DeviceLabConnectionFactory(DeviceLabDatabase database) : IConnectionFactory
{
    private readonly Lazy<string> _connectionString = new(() =>
        // Hangfire manages its own transactions; ambient TransactionScope enlistment is not supported with it.
        new NpgsqlConnectionStringBuilder(database.ConnectionString) { Enlist = false }.ConnectionString);

    public NpgsqlConnection GetOrCreateConnection() => new(_connectionString.Value);
}
