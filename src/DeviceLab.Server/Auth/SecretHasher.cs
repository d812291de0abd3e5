using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Auth;

/// <summary>
/// Hashes API keys and device tokens: HMAC-SHA256 keyed with the configured pepper (or a built-in constant).
/// Fast on purpose — the secrets are 256 random bits, so there is nothing to brute-force and a slow password hash
/// would only cost every request time (docs/decisions/0091). The stored form names its scheme and pepper:
/// <c>hmac-sha256$&lt;pepper id&gt;$&lt;hex&gt;</c>.
/// </summary>
public sealed class SecretHasher
{
    private const string Scheme = "hmac-sha256";
    private static readonly byte[] BuiltInKey = "DeviceLab token hash v1"u8.ToArray();

    private readonly byte[] _key;
    private readonly string _pepperId;

    public SecretHasher(IOptions<AuthOptions> options)
    {
        var pepper = options.Value.TokenPepper;
        _key = string.IsNullOrEmpty(pepper) ? BuiltInKey : Encoding.UTF8.GetBytes(pepper);
        _pepperId = string.IsNullOrEmpty(pepper) ? "builtin" : Convert.ToHexStringLower(SHA256.HashData(_key))[..8];
    }

    public string Hash(string secret) =>
        $"{Scheme}${_pepperId}${Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(secret)))}";

    /// <summary>True when <paramref name="secret"/> hashes to <paramref name="stored"/> (compared in constant time).</summary>
    public bool Verify(string secret, string stored) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(stored));
}
