using System.Text.Json;
using DeviceLab.Core.Devices;
using DeviceLab.Server.Data;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace DeviceLab.Server.Fleet;

/// <summary>
/// Keeps the <c>devices</c> rows of this lab host in step with what it sees: devices discovered (hardware fields,
/// properties, automatic tags), connected or gone. Every change refreshes the derived state and publishes it
/// (<see cref="DeviceStates"/>) in the same transaction.
/// </summary>
public sealed class DeviceRegistry(DeviceLabDataSource dataSource, DeviceStates states, IOptions<DeviceLabOptions> options)
{
    private long? _labHostId;

    public string LabHostName => options.Value.LabHost.Name;

    /// <summary>Stores what the device reported and marks it connected; returns its id.</summary>
    public async Task<long> RegisterAsync(string serial, DeviceDescription description, string reason, CancellationToken cancellationToken)
    {
        var labHostId = await LabHostIdAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var upsert = new NpgsqlCommand(
            """
            INSERT INTO devices (lab_host_id, serial, transport, manufacturer, model, soc, abi, os_version, os_build, cpu_cores, ram_bytes,
                                 properties, tags, user_tags, state, is_virtual, is_connected, created_at, last_seen_at)
            VALUES ($1, $2, 'adb', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, '{}', 'offline', $13, true, clock_timestamp(), clock_timestamp())
            ON CONFLICT (lab_host_id, serial) DO UPDATE SET
                manufacturer = excluded.manufacturer, model = excluded.model, soc = excluded.soc, abi = excluded.abi,
                os_version = excluded.os_version, os_build = excluded.os_build, cpu_cores = excluded.cpu_cores, ram_bytes = excluded.ram_bytes,
                properties = excluded.properties, is_virtual = excluded.is_virtual, is_connected = true, last_seen_at = excluded.last_seen_at,
                tags = ARRAY(SELECT t FROM unnest(excluded.tags || devices.user_tags) WITH ORDINALITY AS x(t, n) GROUP BY t ORDER BY min(n))
            RETURNING id
            """, connection, transaction)
        {
            Parameters =
            {
                new() { Value = labHostId }, new() { Value = serial },
                Nullable(description.Manufacturer), Nullable(description.Model), Nullable(description.Soc), Nullable(description.Abi),
                Nullable(description.OsVersion), Nullable(description.OsBuild),
                new() { Value = (object?)description.CpuCores ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer },
                new() { Value = (object?)description.RamBytes ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = JsonSerializer.Serialize(description.Properties), NpgsqlDbType = NpgsqlDbType.Jsonb },
                new() { Value = description.AutomaticTags().ToArray() },
                new() { Value = description.IsVirtual },
            },
        };
        var id = (long)(await upsert.ExecuteScalarAsync(cancellationToken))!;
        await states.RefreshAsync([id], reason, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>Marks this host's ADB devices with these serials connected or not.</summary>
    public Task SetConnectedAsync(IReadOnlyCollection<string> serials, bool connected, string reason, CancellationToken cancellationToken) =>
        serials.Count == 0 ? Task.CompletedTask : UpdateConnectedAsync(
            "serial = ANY($3)", new NpgsqlParameter { Value = serials.ToArray() }, connected, reason, cancellationToken);

    /// <summary>Marks every connected ADB device of this host that is not in <paramref name="listed"/> as disconnected.</summary>
    public Task DisconnectAllExceptAsync(IReadOnlyCollection<string> listed, string reason, CancellationToken cancellationToken) =>
        UpdateConnectedAsync("NOT (serial = ANY($3))", new NpgsqlParameter { Value = listed.ToArray() }, connected: false, reason, cancellationToken);

    private async Task UpdateConnectedAsync(string filter, NpgsqlParameter serials, bool connected, string reason, CancellationToken cancellationToken)
    {
        var labHostId = await LabHostIdAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var update = new NpgsqlCommand(
            $"""
            UPDATE devices SET is_connected = $2, last_seen_at = CASE WHEN $2 THEN clock_timestamp() ELSE last_seen_at END
            WHERE lab_host_id = $1 AND transport = 'adb' AND is_connected <> $2 AND {filter}
            RETURNING id
            """, connection, transaction)
        {
            Parameters = { new() { Value = labHostId }, new() { Value = connected }, serials },
        };
        var ids = new List<long>();
        await using (var reader = await update.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
        }
        await states.RefreshAsync(ids, reason, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<long> LabHostIdAsync(CancellationToken cancellationToken)
    {
        if (_labHostId is { } id) return id;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var select = new NpgsqlCommand("SELECT id FROM lab_hosts WHERE name = $1", connection) { Parameters = { new() { Value = LabHostName } } };
        _labHostId = (long?)await select.ExecuteScalarAsync(cancellationToken)
            ?? throw new InvalidOperationException($"lab host '{LabHostName}' is not registered yet");
        return _labHostId.Value;
    }

    private static NpgsqlParameter Nullable(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
