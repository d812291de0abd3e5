using DeviceLab.Server.Agents;
using Npgsql;

namespace DeviceLab.Benchmarks.AgentHub;

/// <summary>What PostgreSQL holds for one attempt: samples (count and value sum), token timings, and the contiguous sequence number stored.</summary>
internal sealed record StoredEvents(long Samples, long SampleValueSum, long Tokens, long StoredThroughSeq)
{
    /// <summary>Reads the stored counts of every agent's attempt, keyed by the agent's job id (<c>{run job}-{attempt}</c>).</summary>
    public static async Task<IReadOnlyDictionary<string, StoredEvents>> ReadAsync(string connectionString, IEnumerable<string> jobIds)
    {
        var ids = jobIds.Select(id => AgentJobId.Parse(id) ?? throw new ArgumentException($"'{id}' is not an agent job id", nameof(jobIds))).ToList();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT a.run_job_id, a.attempt,
                   (SELECT count(*) FROM telemetry_samples s WHERE s.run_job_id = a.run_job_id AND s.attempt = a.attempt),
                   (SELECT coalesce(sum(s.value), 0)::bigint FROM telemetry_samples s WHERE s.run_job_id = a.run_job_id AND s.attempt = a.attempt),
                   (SELECT count(*) FROM token_timings t WHERE t.run_job_id = a.run_job_id AND t.attempt = a.attempt),
                   a.stored_through_seq
            FROM run_job_attempts a
            WHERE a.run_job_id = ANY($1)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.Select(id => id.RunJobId).Distinct().ToArray() });
        var stored = new Dictionary<string, StoredEvents>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = new AgentJobId(reader.GetInt64(0), reader.GetInt32(1));
            if (ids.Contains(id))
                stored[id.ToString()] = new StoredEvents(reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
        }
        return stored;
    }
}
