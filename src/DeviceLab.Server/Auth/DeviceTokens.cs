using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Auth;

/// <summary>A new device token: <see cref="Secret"/> is shown once (to put into the device's agent) and never stored.</summary>
public sealed record IssuedDeviceToken(DeviceToken Token, string Secret);

/// <summary>Issues and revokes the tokens networked agents authenticate with (policy <see cref="DeviceLabPolicies.AgentDevice"/>).</summary>
public sealed class DeviceTokens(IDbContextFactory<DeviceLabDbContext> contexts, SecretHasher hasher, TimeProvider time)
{
    /// <summary>Issues a token for the device; null when there is no such device. Earlier tokens stay valid until revoked.</summary>
    public async Task<IssuedDeviceToken?> IssueAsync(long deviceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Devices.AnyAsync(d => d.Id == deviceId, cancellationToken)) return null;
        var secret = SecretToken.Create(SecretToken.DeviceTokenKind);
        var token = new DeviceToken
        {
            DeviceId = deviceId, Prefix = SecretToken.PrefixOf(secret), Hash = hasher.Hash(secret), CreatedAt = time.GetUtcNow(),
        };
        db.DeviceTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedDeviceToken(token, secret);
    }

    /// <summary>Revokes one token of the device; false when the device has no such token.</summary>
    public async Task<bool> RevokeAsync(long deviceId, long tokenId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var token = await db.DeviceTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.DeviceId == deviceId, cancellationToken);
        if (token is null) return false;
        token.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
