using Microsoft.AspNetCore.Authorization;

namespace DeviceLab.Server.Auth;

/// <summary>The policies of <see cref="DeviceLabPolicies"/>: roles for people and programs, the device claim for agents.</summary>
internal static class DeviceLabAuthorization
{
    public static void AddPolicies(AuthorizationBuilder authorization)
    {
        authorization.AddPolicy(DeviceLabPolicies.Viewer, p => p.RequireRole(DeviceLabClaims.RoleName(DeviceLabRole.Viewer)));
        authorization.AddPolicy(DeviceLabPolicies.Operator, p => p.RequireRole(DeviceLabClaims.RoleName(DeviceLabRole.Operator)));
        authorization.AddPolicy(DeviceLabPolicies.Admin, p => p.RequireRole(DeviceLabClaims.RoleName(DeviceLabRole.Admin)));
        authorization.AddPolicy(DeviceLabPolicies.AgentDevice, p => p
            .RequireClaim(DeviceLabClaims.DeviceId)
            .AddRequirements(new DeviceBoundRequirement()));
        authorization.AddPolicy(DeviceLabPolicies.ViewerOrAgentDevice, p => p.RequireAssertion(context =>
            context.User.IsInRole(DeviceLabClaims.RoleName(DeviceLabRole.Viewer)) || DeviceLabClaims.DeviceIdOf(context.User) is not null));
    }
}
