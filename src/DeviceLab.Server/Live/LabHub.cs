using DeviceLab.Core.Live;
using DeviceLab.Server.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Live;

/// <summary>The lab hub at <see cref="LabHubContract.Path"/>: fleet and run events for everyone, a run's streams for its watchers.</summary>
public sealed class LabHub(IDbContextFactory<DeviceLabDbContext> contexts) : Hub<ILabHubClient>, ILabHub
{
    public async Task WatchRun(long runId)
    {
        await using var db = await contexts.CreateDbContextAsync(Context.ConnectionAborted);
        if (!await db.Runs.AnyAsync(r => r.Id == runId, Context.ConnectionAborted))
            throw new HubException($"run {runId} does not exist");
        await Groups.AddToGroupAsync(Context.ConnectionId, LabHubContract.RunGroup(runId), Context.ConnectionAborted);
    }

    public Task UnwatchRun(long runId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, LabHubContract.RunGroup(runId), Context.ConnectionAborted);
}
