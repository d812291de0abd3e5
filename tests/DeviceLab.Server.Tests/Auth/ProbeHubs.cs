using System.Runtime.CompilerServices;
using DeviceLab.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace DeviceLab.Server.Tests.Auth;

/// <summary>A hub shaped like the real ones (hub policy, stricter methods, a stream), mapped only to prove the hub harness.</summary>
[Authorize(Policy = DeviceLabPolicies.Viewer)]
public sealed class ProbeHub : Hub
{
    public Task<string> Read() => Task.FromResult("read");

    [Authorize(Policy = DeviceLabPolicies.Admin)]
    public Task Purge(long id) => Task.CompletedTask;

    [Authorize(Policy = DeviceLabPolicies.Operator)]
    public async IAsyncEnumerable<int> Count(int upTo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i <= upTo; i++)
        {
            yield return i;
            await Task.Yield();
        }
    }
}

/// <summary>A hub a feature forgot to guard: the harness must say so.</summary>
public sealed class UnguardedProbeHub : Hub
{
    public Task Ping() => Task.CompletedTask;
}
