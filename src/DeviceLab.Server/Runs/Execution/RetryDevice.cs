using Npgsql;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>
/// Where a failed attempt is retried: another device of the run's pool (its selector) that is connected and not
/// quarantined — an idle one before a busy one — and the failed device itself only when no other can take it.
/// </summary>
public static class RetryDevice
{
    public static async Task<long?> ChooseAsync(long runId, long failedDeviceId, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(
            """
            SELECT d.id FROM devices d, runs r
            WHERE r.id = $1
              AND d.tags @> ARRAY(SELECT jsonb_array_elements_text(r.device_selector -> 'tags'))
              AND (coalesce(jsonb_array_length(r.device_selector -> 'device_models'), 0) = 0
                   OR d.model IN (SELECT jsonb_array_elements_text(r.device_selector -> 'device_models')))
              AND d.quarantined_at IS NULL AND d.is_connected
            ORDER BY d.id = $2, d.state = 'online' DESC, d.id
            LIMIT 1
            """, connection, transaction) { Parameters = { new() { Value = runId }, new() { Value = failedDeviceId } } };
        return await select.ExecuteScalarAsync(cancellationToken) as long?;
    }
}
