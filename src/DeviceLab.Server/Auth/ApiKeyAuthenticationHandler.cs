using System.Security.Claims;
using System.Text.Encodings.Web;
using DeviceLab.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Auth;

/// <summary>Signs in a program by its API key: found by prefix, checked by hash, refused when revoked.</summary>
internal sealed class ApiKeyAuthenticationHandler(
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
        if (!SecretToken.IsWellFormed(secret, SecretToken.ApiKeyKind))
            return AuthenticateResult.Fail("The credential is not a DeviceLab API key (dlk_…).");

        await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
        var prefix = SecretToken.PrefixOf(secret);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix, Context.RequestAborted);
        if (key is null || !hasher.Verify(secret, key.Hash)) return AuthenticateResult.Fail("Unknown API key.");
        if (key.RevokedAt is not null) return AuthenticateResult.Fail($"API key '{key.Name}' was revoked.");

        await use.RecordApiKeyAsync(db, key.Id, key.LastUsedAt, Context.RequestAborted);
        Claim[] claims =
        [
            new(ClaimTypes.NameIdentifier, $"api-key:{key.Id}"),
            new(ClaimTypes.Name, key.Name),
            new(DeviceLabClaims.Method, "api_key"),
            new(DeviceLabClaims.ApiKeyId, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            .. DeviceLabClaims.RolesOf(key.Role),
        ];
        return AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
    }
}
