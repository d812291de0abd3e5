using System.Security.Claims;

namespace DeviceLab.Server.Auth;

/// <summary>Claims DeviceLab puts on its principals besides name and role.</summary>
public static class DeviceLabClaims
{
    /// <summary>On a device token's principal: the id of the device (<c>devices.id</c>) the agent speaks for.</summary>
    public const string DeviceId = "devicelab:device_id";

    /// <summary>How the caller signed in: <c>cookie</c>, <c>api_key</c> or <c>device_token</c>.</summary>
    public const string Method = "devicelab:auth_method";

    /// <summary>The id of the device token used (<c>device_tokens.id</c>), on a device token's principal: long-lived hub
    /// connections check it is still valid on every call.</summary>
    public const string DeviceTokenId = "devicelab:device_token_id";

    /// <summary>The id of the API key used (<c>api_keys.id</c>), on an API key's principal.</summary>
    public const string ApiKeyId = "devicelab:api_key_id";

    /// <summary>Role claims for <paramref name="role"/> and every role it includes, so <c>IsInRole("viewer")</c> holds for an admin.</summary>
    public static IEnumerable<Claim> RolesOf(DeviceLabRole role) =>
        Enum.GetValues<DeviceLabRole>().Where(r => r <= role).Select(r => new Claim(ClaimTypes.Role, RoleName(r)));

    /// <summary>The role's name as policies and claims use it (<c>viewer</c>, <c>operator</c>, <c>admin</c>).</summary>
    public static string RoleName(DeviceLabRole role) => role.ToString().ToLowerInvariant();

    /// <summary>The device a principal speaks for, or null when it is not a device token's.</summary>
    public static long? DeviceIdOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(DeviceId), out var id) ? id : null;
}
