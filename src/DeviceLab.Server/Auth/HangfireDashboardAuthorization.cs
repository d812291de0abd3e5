using System.Net;
using Hangfire.Dashboard;

namespace DeviceLab.Server.Auth;

/// <summary>
/// Who may open the Hangfire dashboard at <c>/hangfire</c>. For now: requests from this machine only (loopback,
/// or in-process with no remote address). When users and roles exist this becomes "admins only".
/// </summary>
internal sealed class HangfireDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var remote = context.GetHttpContext().Connection.RemoteIpAddress;
        return remote is null || IPAddress.IsLoopback(remote);
    }
}
