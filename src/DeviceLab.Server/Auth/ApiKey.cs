namespace DeviceLab.Server.Auth;

/// <summary>
/// A key for programs (CI, the CLI). Only its hash is stored; <see cref="Prefix"/> (the key's first characters)
/// finds the row and lets people tell keys apart without revealing them.
/// </summary>
public sealed class ApiKey
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }

    /// <summary>Hash of the whole key (the hashing scheme is the auth feature's; stored with its parameters).</summary>
    public required string Hash { get; set; }

    public DeviceLabRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
