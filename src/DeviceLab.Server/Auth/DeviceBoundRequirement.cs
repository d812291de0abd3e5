using System.Globalization;
using Microsoft.AspNetCore.Authorization;

namespace DeviceLab.Server.Auth;

/// <summary>
/// A device token acts for its own device only: when the route names a device (<c>{deviceId}</c>), it must be the
/// token's. Routes without a device id (variant downloads) pass.
/// </summary>
internal sealed class DeviceBoundRequirement : AuthorizationHandler<DeviceBoundRequirement>, IAuthorizationRequirement
{
    public const string RouteValue = "deviceId";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DeviceBoundRequirement requirement)
    {
        var own = DeviceLabClaims.DeviceIdOf(context.User);
        if (own is null) return Task.CompletedTask;
        var routed = (context.Resource as HttpContext)?.GetRouteValue(RouteValue);
        if (routed is null || Convert.ToString(routed, CultureInfo.InvariantCulture) == own.Value.ToString(CultureInfo.InvariantCulture))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
