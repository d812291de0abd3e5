namespace DeviceLab.Server.Auth;

/// <summary>The <c>DeviceLab:Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "DeviceLab:Auth";

    /// <summary>The first administrator, created at start when no user has that e-mail address.</summary>
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();

    /// <summary>
    /// Optional secret mixed into the hashes of API keys and device tokens (a "pepper", at least 32 characters).
    /// Every node of one installation needs the same value; changing it invalidates every key (docs/decisions/0091).
    /// </summary>
    public string? TokenPepper { get; set; }

    /// <summary>How long a dashboard sign-in lasts without activity (sliding), minutes.</summary>
    public int SignInLifetimeMinutes { get; set; } = 8 * 60;
}

/// <summary>
/// <c>DeviceLab:Auth:BootstrapAdmin</c>. With neither value set and no user in the database, DeviceLab creates
/// <see cref="DefaultEmail"/> with a generated password, printed once and written to <c>admin-password.txt</c>
/// in the data folder.
/// </summary>
public sealed class BootstrapAdminOptions
{
    public const string DefaultEmail = "admin@devicelab.local";

    public string? Email { get; set; }
    public string? Password { get; set; }
}
