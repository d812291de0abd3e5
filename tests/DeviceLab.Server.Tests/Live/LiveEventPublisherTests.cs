using System.Text;
using DeviceLab.Core.Live;
using DeviceLab.Server.Live;

namespace DeviceLab.Server.Tests.Live;

/// <summary>Live events must fit one PostgreSQL NOTIFY (under 8000 bytes): big batches are split, in order.</summary>
public sealed class LiveEventPublisherTests
{
    [Fact]
    public void A_large_telemetry_batch_is_split_into_ordered_parts_that_each_fit_a_notification()
    {
        var points = Enumerable.Range(0, 5_000).Select(i => new TelemetryPoint(i * 250, $"cpu.frequency/cpu{i % 8}", 1804.8 + i, "MHz", "sysfs")).ToList();
        var batch = new TelemetryBatch(1, 2, 1, 3, points, DateTimeOffset.UnixEpoch);

        var parts = LiveEventPublisher.Split(batch.Samples, s => batch with { Samples = s }, LiveJsonContext.Default.TelemetryBatch).ToList();

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(Encoding.UTF8.GetByteCount(LiveEventPublisher.Envelope("telemetry", p, LiveJsonContext.Default.TelemetryBatch)) < 8000));
        Assert.Equal(points, parts.SelectMany(p => p.Samples));
    }

    [Fact]
    public void A_small_batch_stays_one_notification()
    {
        var batch = new TokenTimingBatch(1, 2, 1, 3, [new TokenPoint(4, 0, 0, 31.2), new TokenPoint(4, 0, 1, 30.9)], DateTimeOffset.UnixEpoch);
        Assert.Single(LiveEventPublisher.Split(batch.Tokens, t => batch with { Tokens = t }, LiveJsonContext.Default.TokenTimingBatch));
    }
}
