using DeviceLab.Server.Live;

namespace DeviceLab.Server.Components.Live;

/// <summary>
/// Feeds a Blazor Server component the server's live events (<see cref="LiveEventFeed"/>, the same events the lab hub
/// sends): each event is applied on the component's renderer thread (<c>InvokeAsync</c>), and the component re-renders at
/// most once per <c>interval</c> however fast events come — a run streaming tokens must not re-render per token.
/// The pattern of eShop's OrderStatusNotificationService, with the subscription owned by the component (docs/decisions/0113).
/// </summary>
public sealed class LiveSubscription : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private readonly Task _flushing;
    private bool _dirty;

    private LiveSubscription(LiveEventFeed feed, Func<object, bool> apply, Func<Func<Task>, Task> invoke, Func<Task> render, TimeSpan interval)
    {
        var stop = _stop.Token;
        _reading = Task.Run(async () =>
        {
            await foreach (var liveEvent in feed.ReadAllAsync(stop))
                await invoke(() =>
                {
                    if (apply(liveEvent)) _dirty = true;
                    return Task.CompletedTask;
                });
        }, stop);
        _flushing = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (!_dirty) continue;
                _dirty = false;
                await invoke(render);
            }
        }, stop);
    }

    /// <param name="feed">The server's live events.</param>
    /// <param name="apply">Applies an event to the component's state; true when the component must re-render. Runs on the renderer thread.</param>
    /// <param name="invoke">The component's <c>InvokeAsync</c>.</param>
    /// <param name="render">Re-renders (and may reload from the database first); runs on the renderer thread.</param>
    /// <param name="interval">Shortest time between two renders.</param>
    public static LiveSubscription Start(LiveEventFeed feed, Func<object, bool> apply, Func<Func<Task>, Task> invoke, Func<Task> render, TimeSpan interval) =>
        new(feed, apply, invoke, render, interval);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_reading, _flushing);
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
            // The circuit (and its renderer) went away first.
        }
        _stop.Dispose();
    }
}
