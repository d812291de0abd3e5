using DeviceLab.Core.Live;
using DeviceLab.Core.Runs;
using DeviceLab.Server.Runs;

namespace DeviceLab.Server.Tests.Runs;

/// <summary>A run's status from its jobs.</summary>
public sealed class RunRollupTests
{
    [Theory]
    [InlineData(2, 0, 0, 0, 0, 0, false, RunStatus.Queued)]
    [InlineData(1, 1, 0, 0, 0, 0, false, RunStatus.Running)]
    [InlineData(1, 0, 0, 1, 0, 0, false, RunStatus.Running)]
    [InlineData(0, 0, 0, 2, 0, 0, false, RunStatus.Succeeded)]
    [InlineData(0, 0, 0, 1, 1, 0, false, RunStatus.Failed)]
    [InlineData(0, 0, 0, 1, 0, 1, false, RunStatus.Cancelled)]
    [InlineData(0, 0, 0, 2, 0, 0, true, RunStatus.Cancelled)]
    public void The_run_follows_its_jobs(int queued, int waiting, int running, int succeeded, int failed, int cancelled, bool cancelRequested, RunStatus expected)
    {
        var total = queued + waiting + running + succeeded + failed + cancelled;
        Assert.Equal(expected, RunRollup.Next(new RunJobTally(total, queued, waiting, running, succeeded, failed, cancelled), cancelRequested));
    }
}
