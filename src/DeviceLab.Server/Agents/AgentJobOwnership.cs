using DeviceLab.Server.Data;

namespace DeviceLab.Server.Agents;

/// <summary>Whose a job is, for agents that speak about a job this node is not running (any more).</summary>
public sealed class AgentJobOwnership(DeviceLabDataSource dataSource)
{
    /// <summary>True when the job is an attempt of <paramref name="deviceId"/> that has ended (late events of it are acknowledged and dropped).</summary>
    public async Task<bool> IsEndedJobOfAsync(long deviceId, AgentJobId jobId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Sql.ScalarAsync<bool>(connection, null,
            """
            SELECT EXISTS (SELECT 1 FROM run_job_attempts
                           WHERE run_job_id = $1 AND attempt = $2 AND device_id = $3 AND status NOT IN ('queued', 'running'))
            """, cancellationToken, jobId.RunJobId, jobId.Attempt, deviceId);
    }

    /// <summary>True when the device has an attempt (queued or running) whose job includes the variant: what a device token may download.</summary>
    public async Task<bool> IsVariantOfActiveJobAsync(long deviceId, long variantId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Sql.ScalarAsync<bool>(connection, null,
            """
            SELECT EXISTS (SELECT 1 FROM run_job_attempts a JOIN run_jobs j ON j.id = a.run_job_id
                           WHERE a.device_id = $1 AND a.status IN ('queued', 'running') AND $2 = ANY(j.variant_ids))
            """, cancellationToken, deviceId, variantId);
    }

    /// <summary>True while the device token is not revoked (an open hub connection outlives the request that authenticated it).</summary>
    public async Task<bool> IsTokenValidAsync(long tokenId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Sql.ScalarAsync<bool>(connection, null,
            "SELECT EXISTS (SELECT 1 FROM device_tokens WHERE id = $1 AND revoked_at IS NULL)", cancellationToken, tokenId);
    }
}
