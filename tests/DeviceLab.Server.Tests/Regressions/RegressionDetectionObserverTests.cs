using DeviceLab.Server.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests.Regressions;

/// <summary>The run pipeline's hook: a finished nightly run gets its detection job through Hangfire.</summary>
[Collection(RegressionServerCollection.Name)]
public sealed class RegressionDetectionObserverTests(RegressionServer server)
{
    [Fact]
    public async Task A_finished_nightly_run_is_checked_by_a_Hangfire_job()
    {
        var seeded = await server.SeedAsync("observer", nights: 10);
        var run = seeded.RunIds[^1];

        foreach (var observer in server.Factory.Services.GetServices<IRunFinishedObserver>())
            await observer.OnRunFinishedAsync(run, CancellationToken.None);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await using var db = server.CreateDbContext();
            if (await db.RegressionChecks.AsNoTracking().SingleOrDefaultAsync(c => c.RunId == run) is { } check)
            {
                Assert.Equal(20, check.SeriesChecked); // 2 device models × 2 variants × 5 watched metrics (ms/token mirrors tokens/s)
                Assert.Equal(10, check.NightsRebuilt);
                Assert.Equal(20, await db.RunGateVerdicts.CountAsync(v => v.RunId == run));
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "The detection job did not run within 30 s.");
            await Task.Delay(100);
        }
    }
}
