using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using DeviceLab.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Auth;

/// <summary>Signs in a networked agent by its device token; the principal carries the device id and no role.</summary>
internal sealed class DeviceTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<DeviceLabDbContext> contexts,
    SecretHasher hasher,
    CredentialUse use) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = BearerCredential.Read(Request);
        if (secret is null) return AuthenticateResult.NoResult();
        if (!SecretToken.IsWellFormed(secret, SecretToken.DeviceTokenKind))
            return AuthenticateResult.Fail("The credential is not a DeviceLab device token (dld_…).");

        await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
        var prefix = SecretToken.PrefixOf(secret);
        var token = await db.DeviceTokens.AsNoTracking()
            .Where(t => t.Prefix == prefix)
            .Select(t => new { t.Id, t.Hash, t.DeviceId, t.RevokedAt, t.LastUsedAt, t.Device.Serial })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (token is null || !hasher.Verify(secret, token.Hash)) return AuthenticateResult.Fail("Unknown device token.");
        if (token.RevokedAt is not null) return AuthenticateResult.Fail($"The device token of device {token.DeviceId} was revoked.");

        await use.RecordDeviceTokenAsync(db, token.Id, token.LastUsedAt, Context.RequestAborted);
        var deviceId = token.DeviceId.ToString(CultureInfo.InvariantCulture);
        Claim[] claims =
        [
            new(ClaimTypes.NameIdentifier, $"device:{deviceId}"),
            new(ClaimTypes.Name, token.Serial),
            new(DeviceLabClaims.Method, "device_token"),
            new(DeviceLabClaims.DeviceId, deviceId),
            new(DeviceLabClaims.DeviceTokenId, token.Id.ToString(CultureInfo.InvariantCulture)),
        ];
        return AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
    }
}
