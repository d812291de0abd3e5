using DeviceLab.Server.Fleet;

namespace DeviceLab.Server.Auth;

/// <summary>
/// The credential of one networked device's agent. Like an <see cref="ApiKey"/> only its hash is stored; the
/// device it belongs to becomes a claim, so an agent can only act as its own device.
/// </summary>
public sealed class DeviceToken
{
    public long Id { get; set; }

    public long DeviceId { get; set; }
    public Device Device { get; set; } = null!;

    /// <summary>The token's first characters: finds the row, shows which token is which.</summary>
    public required string Prefix { get; set; }

    /// <summary>Keyed hash of the whole token (<see cref="SecretHasher"/>).</summary>
    public required string Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
