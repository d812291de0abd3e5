using System.Security.Cryptography;

namespace DeviceLab.Server.Auth;

/// <summary>
/// The shape of DeviceLab's bearer secrets: a kind prefix (<c>dlk_</c> API key, <c>dld_</c> device token) and 32
/// random bytes in base64url. The first <see cref="PrefixLength"/> characters are stored in clear to find the row.
/// </summary>
public static class SecretToken
{
    public const string ApiKeyKind = "dlk_";
    public const string DeviceTokenKind = "dld_";

    /// <summary>Kind plus 8 random characters (48 bits): unique enough to find a row, useless to an attacker.</summary>
    public const int PrefixLength = 12;

    private const int SecretBytes = 32;

    public static string Create(string kind) =>
        kind + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string PrefixOf(string token) => token[..Math.Min(PrefixLength, token.Length)];

    /// <summary>True when <paramref name="token"/> has the length and alphabet of a token of <paramref name="kind"/>.</summary>
    public static bool IsWellFormed(string token, string kind) =>
        token.StartsWith(kind, StringComparison.Ordinal) && token.Length == kind.Length + 43 &&
        token.AsSpan(kind.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;
}
