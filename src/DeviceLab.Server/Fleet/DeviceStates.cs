using DeviceLab.Core.Devices;
using DeviceLab.Core.Live;
using DeviceLab.Server.Data;
using DeviceLab.Server.Live;
using Npgsql;

namespace DeviceLab.Server.Fleet;

/// <summary>
/// A device's <see cref="DeviceState"/> is derived, never set directly: quarantined if an operator quarantined it,
/// else offline if its lab host cannot reach it, else busy if a lease is active, else online. Whoever changes one
/// of those inputs calls <see cref="RefreshAsync"/> in the same transaction, which stores the new state and publishes
/// the change (delivered on commit).
/// </summary>
public sealed class DeviceStates(LiveEventPublisher live)
{
    public async Task<IReadOnlyList<DeviceStateChanged>> RefreshAsync(
        IReadOnlyCollection<long> deviceIds, string reason, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        if (deviceIds.Count == 0) return [];
        await using var update = new NpgsqlCommand(
            """
            WITH current AS (
                SELECT d.id, d.state AS old_state,
                       CASE WHEN d.quarantined_at IS NOT NULL THEN 'quarantined'
                            WHEN NOT d.is_connected THEN 'offline'
                            WHEN EXISTS (SELECT 1 FROM device_leases l WHERE l.device_id = d.id AND l.released_at IS NULL) THEN 'busy'
                            ELSE 'online' END AS new_state
                FROM devices d WHERE d.id = ANY($1) ORDER BY d.id FOR UPDATE OF d)
            UPDATE devices d
            SET state = c.new_state,
                state_reason = CASE WHEN c.new_state <> c.old_state THEN $2 ELSE d.state_reason END
            FROM current c WHERE d.id = c.id
            RETURNING d.id, d.serial, (SELECT h.name FROM lab_hosts h WHERE h.id = d.lab_host_id), d.model, c.new_state, c.old_state, d.is_virtual, clock_timestamp()
            """, connection, transaction)
        {
            Parameters = { new() { Value = deviceIds.ToArray() }, new() { Value = Truncate(reason) } },
        };
        var changes = new List<DeviceStateChanged>();
        await using (var reader = await update.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var state = Parse(reader.GetString(4));
                var previous = Parse(reader.GetString(5));
                if (state == previous) continue;
                changes.Add(new DeviceStateChanged(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), state, previous, reader.GetBoolean(6), reason,
                    reader.GetFieldValue<DateTimeOffset>(7)));
            }
        }
        foreach (var change in changes) await live.DeviceChangedAsync(change, connection, transaction, cancellationToken);
        return changes;
    }

    internal static DeviceState Parse(string name) => Enum.Parse<DeviceState>(name.Replace("_", ""), ignoreCase: true);

    internal static string Truncate(string text) => text.Length <= 1000 ? text : text[..997] + "...";
}
