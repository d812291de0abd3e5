using DeviceLab.Core.AgentProtocol;
using DeviceLab.Core.Models;
using DeviceLab.Server.Results;
using DeviceLab.Server.Results.Compare;
using DeviceLab.Server.Tests.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests.Results.Compare;

/// <summary>The compare query against real PostgreSQL: latest run per row, pooling across devices of one model.</summary>
public sealed class ComparisonQueryTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    private DashboardSeed Seed() => new(server.CreateDbContext, server.LabHostName);

    [Fact]
    public async Task Rows_come_from_the_latest_run_of_each_device_model_and_variant_and_pool_its_devices()
    {
        var seed = Seed();
        var pixelA = await seed.DeviceAsync("Pixel 7");
        var pixelB = await seed.DeviceAsync("Pixel 7");
        var iphone = await seed.DeviceAsync("iPhone 15");
        var (model, variants) = await seed.ModelAsync("tinyllama", QuantType.F16, QuantType.Q8_0, QuantType.Q4_0);
        var at = DateTimeOffset.UtcNow.AddDays(-2);
        await seed.RunAsync([pixelA], variants, (_, _) => 5, at);                               // older: must not count
        var latest = await seed.RunAsync([pixelA, pixelB], variants, (d, v) => d.Id == pixelA.Id ? 20 : 24, at.AddDays(1));
        var iphoneRun = await seed.RunAsync([iphone], variants[..2], (_, _) => 30, at.AddHours(3));

        var rows = await server.Factory.Services.GetRequiredService<ComparisonQuery>()
            .RunAsync(new ComparisonSelection(model.Id, [], []));

        Assert.Equal(5, rows.Count); // Pixel 7 × 3 variants, iPhone 15 × 2
        var pixelF16 = rows.Single(r => r.DeviceModel == "Pixel 7" && r.QuantType == "F16");
        Assert.Equal(latest.Id, pixelF16.RunId);
        Assert.Equal(2, pixelF16.Devices);
        var speed = pixelF16[ResultMetricView.DecodeTokensPerSecond];
        Assert.Equal(10, speed.Count);                       // 5 repetitions × 2 devices
        Assert.InRange(speed.Mean!.Value, 20.5, 23.5);        // between the two devices' speeds
        Assert.True(speed.StdDev > 1.0);                      // the between-device difference is spread, not hidden
        Assert.Null(speed.P50);                               // several devices, no token timings: not guessed
        Assert.Contains("token timings", speed.Note);
        Assert.Null(rows.Single(r => r.DeviceModel == "iPhone 15" && r.QuantType == "F16")[ResultMetricView.DecodeTokensPerSecond].Note);
        Assert.All(rows.Where(r => r.DeviceModel == "iPhone 15"), r => Assert.Equal(iphoneRun.Id, r.RunId));
    }

    [Fact]
    public async Task A_chosen_run_variants_and_device_models_narrow_the_rows()
    {
        var seed = Seed();
        var pixel = await seed.DeviceAsync("Pixel 8");
        var emulator = await seed.DeviceAsync("DeviceLab Virtual", isVirtual: true);
        var (model, variants) = await seed.ModelAsync("qwen", QuantType.F16, QuantType.Q4_0);
        var first = await seed.RunAsync([pixel, emulator], variants, (_, _) => 10, DateTimeOffset.UtcNow.AddDays(-1));
        await seed.RunAsync([pixel, emulator], variants, (_, _) => 12, DateTimeOffset.UtcNow);
        var query = server.Factory.Services.GetRequiredService<ComparisonQuery>();

        var inFirst = await query.RunAsync(new ComparisonSelection(model.Id, [variants[1].Id], ["DeviceLab Virtual"], first.Id));

        var row = Assert.Single(inFirst);
        Assert.Equal(first.Id, row.RunId);
        Assert.Equal("Q4_0", row.QuantType);
        Assert.True(row.IsVirtual);
        Assert.True(row.IsSimulated);
    }

    [Fact]
    public async Task Each_row_says_how_its_peak_memory_was_measured_from_the_stored_context()
    {
        var seed = Seed();
        var reset = await seed.DeviceAsync("Pixel 6");
        var sampled = await seed.DeviceAsync("Pixel 6");
        var old = await seed.DeviceAsync("Galaxy A54");
        var locked = await seed.DeviceAsync("Moto G", abi: "armeabi-v7a");
        var (model, variants) = await seed.ModelAsync("peak-method", QuantType.Q4_0);
        await seed.RunAsync([reset, sampled, old, locked], variants, (_, _) => 10, DateTimeOffset.UtcNow, peakMemoryMethodOf: d =>
            d.Id == reset.Id ? PeakMemoryMethods.HighWaterMarkReset
            : d.Id == sampled.Id ? PeakMemoryMethods.SampledResidentMax
            : d.Id == old.Id ? null
            : PeakMemoryMethods.SampledResidentMax);

        var rows = await server.Factory.Services.GetRequiredService<ComparisonQuery>().RunAsync(new ComparisonSelection(model.Id, [], []));

        Assert.Equal(PeakMemoryMethods.Mixed, rows.Single(r => r.DeviceModel == "Pixel 6").PeakMemoryMethod.Key); // two devices, two methods
        Assert.Null(rows.Single(r => r.DeviceModel == "Galaxy A54").PeakMemoryMethod.Key);
        var moto = rows.Single(r => r.DeviceModel == "Moto G").PeakMemoryMethod;
        Assert.Equal(PeakMemoryMethods.SampledResidentMax, moto.Key);
        Assert.Equal("highest sample, 4 Hz", moto.Caption); // the interval from the stored hello parameters
    }
}
