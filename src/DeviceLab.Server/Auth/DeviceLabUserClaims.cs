using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Auth;

/// <summary>Puts a signed-in user's role (and the roles it includes) into the sign-in cookie.</summary>
internal sealed class DeviceLabUserClaims(UserManager<DeviceLabUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<DeviceLabUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(DeviceLabUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaims(DeviceLabClaims.RolesOf(user.Role));
        identity.AddClaim(new Claim(DeviceLabClaims.Method, "cookie"));
        return identity;
    }
}
