namespace DeviceLab.Server.Models;

/// <summary>At start, deletes temporary files of uploads and builds a crash cut short (older than a day, so another
/// node's upload into a shared store is never touched).</summary>
internal sealed class ArtifactSweep(ArtifactStore store, ILogger<ArtifactSweep> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var swept = store.SweepTemporaryFiles(TimeSpan.FromDays(1));
        if (swept > 0) logger.LogInformation("Deleted {Count} left-over temporary files from {Store}", swept, store.RootPath);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
