using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Auth;

/// <summary>
/// Records when an API key or device token was last used — at most once a minute per credential, so a busy CI
/// job or agent does not turn every request into a write.
/// </summary>
public sealed class CredentialUse(TimeProvider time)
{
    private static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);

    internal async Task RecordApiKeyAsync(DeviceLabDbContext db, long id, DateTimeOffset? lastUsedAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (lastUsedAt is { } last && now - last < Resolution) return;
        await db.ApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, now), cancellationToken);
    }

    internal async Task RecordDeviceTokenAsync(DeviceLabDbContext db, long id, DateTimeOffset? lastUsedAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (lastUsedAt is { } last && now - last < Resolution) return;
        await db.DeviceTokens.Where(t => t.Id == id).ExecuteUpdateAsync(t => t.SetProperty(x => x.LastUsedAt, now), cancellationToken);
    }
}
