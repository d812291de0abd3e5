using System.Text.Json;
using DeviceLab.Core.AgentProtocol;
using DeviceLab.Server.Data;
using DeviceLab.Server.Fleet;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace DeviceLab.Server.Agents;

/// <summary>
/// The <c>devices</c> rows of networked devices: created by an operator (then a token is issued for them), filled in
/// from the fingerprint their agent registers with, connected while it is, offline after it left. A networked device
/// belongs to the lab host (node) its agent is connected to, so its jobs run where its connection is. Every change
/// refreshes the derived state (<see cref="DeviceStates"/>) in the same transaction.
/// </summary>
public sealed class NetworkDevices(DeviceLabDataSource dataSource, DeviceStates states, IOptions<DeviceLabOptions> options)
{
    private const int MaxFieldLength = 200;

    /// <summary>Creates an offline networked device named <paramref name="serial"/> on this node; null when the name is taken here.</summary>
    public async Task<long?> CreateAsync(string serial, IReadOnlyList<string> userTags, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await Sql.ScalarAsync<long?>(connection, transaction,
            """
            INSERT INTO devices (lab_host_id, serial, transport, properties, tags, user_tags, state, is_virtual, is_connected, created_at)
            SELECT h.id, $2, 'network', '{}', $3, $3, 'offline', false, false, clock_timestamp() FROM lab_hosts h WHERE h.name = $1
            ON CONFLICT (lab_host_id, serial) DO NOTHING
            RETURNING id
            """, cancellationToken, options.Value.LabHost.Name, serial, userTags.ToArray());
        if (id is { } created) await states.RefreshAsync([created], "created; waiting for its agent to connect", connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>Stores what the agent reported, moves the device to this node and marks it connected.</summary>
    /// <exception cref="NetworkDeviceException">The device is not a networked device, or is gone.</exception>
    public async Task RegisterAsync(long deviceId, AgentRegistration registration, CancellationToken cancellationToken)
    {
        var device = registration.Device;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var transport = await Sql.ScalarAsync<string>(connection, transaction, "SELECT transport FROM devices WHERE id = $1 FOR UPDATE", cancellationToken, deviceId)
            ?? throw new NetworkDeviceException($"device {deviceId} no longer exists");
        if (transport != "network")
            throw new NetworkDeviceException($"device {deviceId} is reached over {transport}, not the agent hub: issue the token for a networked device (POST /api/v1/devices/network)");
        var properties = new Dictionary<string, string>
        {
            ["agent_version"] = Clip(registration.AgentVersion) ?? "", ["engine_version"] = Clip(registration.EngineVersion) ?? "",
        };
        if (Clip(device.Kernel) is { } kernel) properties["kernel"] = kernel;
        var tags = DeviceTags.Automatic(Clip(device.Model), null, Clip(device.Abi), device.IsVirtual).ToArray();
        await using var update = new NpgsqlCommand(
            """
            UPDATE devices SET
                lab_host_id = (SELECT id FROM lab_hosts WHERE name = $2),
                manufacturer = $3, model = $4, soc = $5, abi = $6, os_build = $7, cpu_cores = $8, ram_bytes = $9, properties = $10,
                is_virtual = $11, is_connected = true, last_seen_at = clock_timestamp(),
                tags = ARRAY(SELECT t FROM unnest($12::text[] || user_tags) WITH ORDINALITY AS x(t, n) GROUP BY t ORDER BY min(n))
            WHERE id = $1
            """, connection, transaction)
        {
            Parameters =
            {
                new() { Value = deviceId }, new() { Value = options.Value.LabHost.Name },
                Text(device.Manufacturer), Text(device.Model), Text(device.Cpu), Text(device.Abi), Text(device.OsBuild),
                new() { Value = device.Cores > 0 ? device.Cores : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer },
                new() { Value = (object?)device.MemoryBytes ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = JsonSerializer.Serialize(properties), NpgsqlDbType = NpgsqlDbType.Jsonb },
                new() { Value = device.IsVirtual },
                new() { Value = tags },
            },
        };
        try
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new NetworkDeviceException($"device {deviceId} cannot move to lab host '{options.Value.LabHost.Name}': another device there has the same name");
        }
        await states.RefreshAsync([deviceId], $"agent {Clip(registration.AgentVersion)} connected", connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Marks the device offline unless its agent registered again after <paramref name="disconnectedAt"/>.</summary>
    public async Task SetDisconnectedAsync(long deviceId, DateTimeOffset disconnectedAt, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await Sql.ExecuteAsync(connection, transaction,
            "UPDATE devices SET is_connected = false WHERE id = $1 AND transport = 'network' AND is_connected AND (last_seen_at IS NULL OR last_seen_at <= $2)",
            cancellationToken, deviceId, disconnectedAt);
        if (changed > 0) await states.RefreshAsync([deviceId], reason, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>At start: this node's networked devices lost their connections with the previous process.</summary>
    public async Task DisconnectAllAsync(string reason, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new List<long>();
        await using (var update = new NpgsqlCommand(
            """
            UPDATE devices SET is_connected = false
            WHERE transport = 'network' AND is_connected AND lab_host_id = (SELECT id FROM lab_hosts WHERE name = $1)
            RETURNING id
            """, connection, transaction) { Parameters = { new() { Value = options.Value.LabHost.Name } } })
        await using (var reader = await update.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
        }
        await states.RefreshAsync(ids, reason, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string? Clip(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().Length <= MaxFieldLength ? text.Trim() : text.Trim()[..MaxFieldLength];

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)Clip(value) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}

/// <summary>A networked agent cannot register as the device its token names; the message says why.</summary>
public sealed class NetworkDeviceException(string message) : Exception(message);
