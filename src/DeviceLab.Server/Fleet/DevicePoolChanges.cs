using DeviceLab.Server.Data;
using Npgsql;

namespace DeviceLab.Server.Fleet;

/// <summary>
/// What people decide about a device: quarantine (with a reason) and its own pool tags. Each change refreshes the
/// derived state (<see cref="DeviceStates"/>) and publishes it in the same transaction. Tags set here are the device's
/// <c>user_tags</c>; its <c>tags</c> are the automatic ones plus these, so they survive the device reconnecting.
/// </summary>
public sealed class DevicePoolChanges(DeviceLabDataSource dataSource, DeviceStates states)
{
    /// <summary>Quarantines (or releases) the device; false when it does not exist.</summary>
    public async Task<bool> SetQuarantineAsync(long deviceId, bool quarantine, string? reason, string? by, CancellationToken cancellationToken)
    {
        var who = by ?? "an operator";
        var why = quarantine
            ? $"quarantined by {who}{(string.IsNullOrWhiteSpace(reason) ? "" : $": {reason.Trim()}")}"
            : $"released from quarantine by {who}";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = quarantine
            ? await Sql.ExecuteAsync(connection, transaction,
                "UPDATE devices SET quarantined_at = coalesce(quarantined_at, clock_timestamp()), quarantine_reason = $2 WHERE id = $1",
                cancellationToken, deviceId, DeviceStates.Truncate(why))
            : await Sql.ExecuteAsync(connection, transaction,
                "UPDATE devices SET quarantined_at = NULL, quarantine_reason = NULL WHERE id = $1", cancellationToken, deviceId);
        if (changed == 0) return false;
        await states.RefreshAsync([deviceId], why, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Sets the device's own tags (already validated); false when it does not exist.</summary>
    public async Task<bool> SetUserTagsAsync(long deviceId, IReadOnlyList<string> userTags, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var select = new NpgsqlCommand("SELECT model, os_version, abi, is_virtual FROM devices WHERE id = $1", connection)
        {
            Parameters = { new() { Value = deviceId } },
        };
        List<string> automatic;
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) return false;
            automatic = DeviceTags.Automatic(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3));
        }
        await Sql.ExecuteAsync(connection, null, "UPDATE devices SET user_tags = $2, tags = $3 WHERE id = $1", cancellationToken,
            deviceId, userTags.ToArray(), DeviceTags.Merge(automatic, userTags).ToArray());
        return true;
    }
}
