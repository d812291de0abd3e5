using DeviceLab.Server.Jobs;
using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Health;

/// <summary>Healthy when Hangfire's storage answers and this node's job server has registered (and heartbeats).</summary>
internal sealed class HangfireHealthCheck(JobStorage storage, IOptions<DeviceLabOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var servers = storage.GetMonitoringApi().Servers();
        var ownName = JobStorageSetup.ServerNameFor(options.Value.LabHost.Name) + ":";
        var own = servers.FirstOrDefault(s => s.Name.StartsWith(ownName, StringComparison.Ordinal));
        var data = new Dictionary<string, object>
        {
            ["servers"] = servers.Count,
            ["queues"] = own is null ? "" : string.Join(",", own.Queues),
        };
        return Task.FromResult(own is null
            ? HealthCheckResult.Degraded("Hangfire storage answers, but this node's job server has not registered yet.", data: data)
            : HealthCheckResult.Healthy($"{servers.Count} job server(s); this node works {string.Join(", ", own.Queues)}.", data));
    }
}
