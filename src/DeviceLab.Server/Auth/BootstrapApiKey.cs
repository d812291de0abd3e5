using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Auth;

/// <summary>
/// <c>DeviceLab:Auth:BootstrapApiKey</c>: an API key whose secret the operator chose (<c>dlk_</c> + 43 base64url characters),
/// so a program that starts the server — <c>devicelab demo</c>, a CI job, a deployment script — can call the API at once,
/// without a person creating a key in the dashboard first. Pass the secret through the environment
/// (<c>DeviceLab__Auth__BootstrapApiKey__Secret</c>), never on the command line.
/// </summary>
public sealed class BootstrapApiKeyOptions
{
    public const string Section = "DeviceLab:Auth:BootstrapApiKey";

    /// <summary>The key; empty: no bootstrap key.</summary>
    public string? Secret { get; set; }

    /// <summary>Its name in key lists.</summary>
    public string Name { get; set; } = "bootstrap";

    /// <summary>Its role.</summary>
    public DeviceLabRole Role { get; set; } = DeviceLabRole.Admin;
}

/// <summary>
/// Stores the configured bootstrap key at start when no key has its prefix (only its hash, like every key). A key that
/// exists is left alone — a revoked bootstrap key stays revoked. Runs after the database is migrated.
/// </summary>
/// <remarks>The database is resolved in <see cref="StartAsync"/>, not the constructor: hosted services are created before
/// the local PostgreSQL cluster is up.</remarks>
internal sealed class BootstrapApiKey(
    IServiceProvider services, IOptions<BootstrapApiKeyOptions> options, SecretHasher hasher, TimeProvider time,
    ILogger<BootstrapApiKey> logger) : IHostedService
{
    public static IServiceCollection Register(IServiceCollection services)
    {
        services.AddOptions<BootstrapApiKeyOptions>().BindConfiguration(BootstrapApiKeyOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.Secret) || SecretToken.IsWellFormed(o.Secret, SecretToken.ApiKeyKind),
                $"{BootstrapApiKeyOptions.Section}:Secret is not a DeviceLab API key: use '{SecretToken.ApiKeyKind}' followed by 43 base64url characters (32 random bytes).")
            .Validate(o => o.Name.Trim().Length is > 0 and <= ApiKeys.MaxNameLength,
                $"{BootstrapApiKeyOptions.Section}:Name needs 1–{ApiKeys.MaxNameLength} characters.")
            .ValidateOnStart();
        return services.AddHostedService<BootstrapApiKey>();
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value;
        if (string.IsNullOrEmpty(configured.Secret)) return;
        var contexts = services.GetRequiredService<IDbContextFactory<DeviceLabDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var prefix = SecretToken.PrefixOf(configured.Secret);
        var existing = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix, cancellationToken);
        if (existing is not null)
        {
            if (!hasher.Verify(configured.Secret, existing.Hash))
                throw new DeviceLabStartupException(
                    $"{BootstrapApiKeyOptions.Section}:Secret starts like the existing key '{existing.Name}' but is not it: generate a new secret.");
            if (existing.RevokedAt is not null) logger.LogWarning("The bootstrap API key '{Name}' was revoked; it stays revoked", existing.Name);
            return;
        }
        db.ApiKeys.Add(new ApiKey
        {
            Name = configured.Name.Trim(), Role = configured.Role, Prefix = prefix, Hash = hasher.Hash(configured.Secret), CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Stored the bootstrap API key '{Name}' ({Prefix}…, {Role})", configured.Name, prefix, configured.Role);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
