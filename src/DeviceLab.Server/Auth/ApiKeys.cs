using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Auth;

/// <summary>A new API key: <see cref="Secret"/> is shown once and never stored.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret);

/// <summary>Issues and revokes API keys (programs: CI, the CLI, scripts).</summary>
public sealed class ApiKeys(IDbContextFactory<DeviceLabDbContext> contexts, SecretHasher hasher, TimeProvider time)
{
    public const int MaxNameLength = 100;

    /// <exception cref="ArgumentException">Empty or too long name, or an unknown role.</exception>
    public async Task<IssuedApiKey> CreateAsync(string name, DeviceLabRole role, CancellationToken cancellationToken = default)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
            throw new ArgumentException($"An API key needs a name of 1–{MaxNameLength} characters (e.g. \"ci-nightly\").", nameof(name));
        if (!Enum.IsDefined(role)) throw new ArgumentException($"Unknown role {role}.", nameof(role));

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var secret = SecretToken.Create(SecretToken.ApiKeyKind);
        var key = new ApiKey
        {
            Name = name, Role = role, Prefix = SecretToken.PrefixOf(secret), Hash = hasher.Hash(secret), CreatedAt = time.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken); // a prefix collision (1 in 2^48) fails here rather than sharing a row
        return new IssuedApiKey(key, secret);
    }

    /// <summary>Revokes the key; false when there is no such key. Revoking twice keeps the first time.</summary>
    public async Task<bool> RevokeAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null) return false;
        key.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
