using DeviceLab.Core.Devices;
using DeviceLab.Core.Live;
using DeviceLab.Server.Components.Live;
using DeviceLab.Server.Live;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests.Components.Live;

/// <summary>The live path a page uses: events published through PostgreSQL NOTIFY reach a component's subscription.</summary>
public sealed class LiveSubscriptionTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    private static DeviceStateChanged Change(long id, DeviceState state) =>
        new(id, $"serial-{id}", "host", "Pixel 7", state, DeviceState.Online, false, "test", DateTimeOffset.UtcNow);

    [Fact]
    public async Task Events_published_by_the_pipeline_are_applied_and_rendered_at_most_once_per_interval()
    {
        var feed = server.Factory.Services.GetRequiredService<LiveEventFeed>();
        var publisher = server.Factory.Services.GetRequiredService<LiveEventPublisher>();
        var applied = new List<long>();
        var renders = 0;
        var rendered = new TaskCompletionSource();
        var gate = new SemaphoreSlim(1, 1);
        async Task Invoke(Func<Task> work)
        {
            await gate.WaitAsync(); // one at a time, as a renderer's dispatcher runs them
            try { await work(); } finally { gate.Release(); }
        }

        await using var subscription = LiveSubscription.Start(feed,
            e => e is DeviceStateChanged { DeviceId: >= 1000 } change && Add(applied, change.DeviceId),
            Invoke, () => { renders++; if (applied.Count == 3) rendered.TrySetResult(); return Task.CompletedTask; },
            TimeSpan.FromMilliseconds(300));
        await Task.Delay(200); // the subscription is reading

        await publisher.PublishAsync(async connection =>
        {
            foreach (var id in new long[] { 1001, 1002, 1003 })
                await publisher.DeviceChangedAsync(Change(id, DeviceState.Offline), connection, null, CancellationToken.None);
        }, CancellationToken.None);

        await rendered.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal([1001, 1002, 1003], applied);
        Assert.InRange(renders, 1, 2); // three events, coalesced
    }

    private static bool Add(List<long> list, long id)
    {
        list.Add(id);
        return true;
    }
}
