using Microsoft.AspNetCore.Identity;

namespace DeviceLab.Server.Auth;

/// <summary>Authentication schemes. <see cref="Default"/> picks one per request (see <see cref="BearerCredential"/>).</summary>
public static class DeviceLabSchemes
{
    /// <summary>Forwards to <see cref="ApiKey"/>, <see cref="DeviceToken"/> or the sign-in cookie by what the request carries.</summary>
    public const string Default = "devicelab";

    public const string ApiKey = "api-key";
    public const string DeviceToken = "device-token";

    /// <summary>The dashboard's sign-in cookie (ASP.NET Core Identity's application cookie).</summary>
    public static readonly string Cookie = IdentityConstants.ApplicationScheme;

    /// <summary>The scheme that should read <paramref name="request"/>.</summary>
    public static string For(HttpRequest request) => BearerCredential.Read(request) switch
    {
        null => Cookie,
        var secret when secret.StartsWith(SecretToken.DeviceTokenKind, StringComparison.Ordinal) => DeviceToken,
        _ => ApiKey,
    };
}
