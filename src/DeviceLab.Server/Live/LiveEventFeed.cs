using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace DeviceLab.Server.Live;

/// <summary>
/// The same live events the lab hub sends, for code inside the server (Blazor components): each reader gets every
/// event published while it reads (device, run, job and run-stream records from <c>DeviceLab.Core.Live</c>).
/// A slow reader loses its oldest events rather than slowing the others.
/// </summary>
public sealed class LiveEventFeed
{
    private readonly ConcurrentDictionary<Channel<object>, byte> _readers = new();

    /// <summary>Events as they arrive, until <paramref name="cancellationToken"/> stops the reader.</summary>
    public async IAsyncEnumerable<object> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<object>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _readers[channel] = 0;
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken)) yield return item;
        }
        finally
        {
            _readers.TryRemove(channel, out _);
        }
    }

    internal void Publish(object liveEvent)
    {
        foreach (var reader in _readers.Keys) reader.Writer.TryWrite(liveEvent);
    }
}
