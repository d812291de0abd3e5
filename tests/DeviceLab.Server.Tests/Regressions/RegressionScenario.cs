using DeviceLab.Core.Models;
using DeviceLab.Server.Regressions.Detection;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests.Regressions;

/// <summary>Seeds a nightly suite (<see cref="NightlyFleetSeed"/>) with the acceptance slow-down and runs detection on it.</summary>
internal static class RegressionScenario
{
    public const int SlowNight = 40;

    public static async Task<NightlyFleetSeed.Seeded> SeedAsync(this RegressionServer server, string name, int nights = 60, int slowNight = SlowNight,
        DetectorOverrides? overrides = null, double tokensPerSecondFactor = 0.9)
    {
        await using var db = server.CreateDbContext();
        return await new NightlyFleetSeed
        {
            SuiteName = $"{name}-{Guid.NewGuid().ToString("N")[..6]}",
            Nights = nights,
            SlowDown = ("Pixel 8", QuantType.Q4_0, slowNight, tokensPerSecondFactor),
            DetectorOverrides = overrides,
        }.WriteAsync(db, server.LabHostName);
    }

    /// <summary>Seeds the slow-down and runs detection once, for the last night (which rebuilds every night before it).</summary>
    public static async Task<NightlyFleetSeed.Seeded> SeedAndDetectAsync(this RegressionServer server, string name)
    {
        var seeded = await server.SeedAsync(name);
        Assert.NotNull(await server.DetectAsync(seeded.RunIds[^1]));
        return seeded;
    }

    public static async Task<RegressionCheck?> DetectAsync(this RegressionServer server, long runId)
    {
        using var scope = server.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<NightlyRegressionJob>().RunAsync(runId, CancellationToken.None);
    }
}
