using DeviceLab.Core;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Fleet;

/// <summary>
/// Marks a lab host as alive: creates its row on first contact and moves <see cref="LabHost.LastSeenAt"/> to now.
/// Runs as a recurring Hangfire job on the host's own queue, so a beat proves the host's workers run, not just its web server.
/// </summary>
public sealed class LabHostHeartbeat(DeviceLabDbContext db, TimeProvider time)
{
    public async Task BeatAsync(string labHostName, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        // One statement, so concurrent nodes and retries cannot create the row twice.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO lab_hosts (name, queue_name, version, created_at, last_seen_at)
            VALUES ({labHostName}, {LabHostQueue.For(labHostName)}, {DeviceLabVersion.Product}, {now}, {now})
            ON CONFLICT (name) DO UPDATE SET last_seen_at = excluded.last_seen_at, version = excluded.version,
                                             queue_name = excluded.queue_name
            """, cancellationToken);
    }
}
