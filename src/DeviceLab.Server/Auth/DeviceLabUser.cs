using Microsoft.AspNetCore.Identity;

namespace DeviceLab.Server.Auth;

/// <summary>
/// A person who signs in to the dashboard (ASP.NET Core Identity). The user name is the e-mail address.
/// One <see cref="Role"/> per user; each role includes the ones before it, so there is no role table.
/// </summary>
public sealed class DeviceLabUser : IdentityUser<long>
{
    public DeviceLabRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
}
