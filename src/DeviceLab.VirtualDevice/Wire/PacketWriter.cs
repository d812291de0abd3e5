using System.Buffers;

namespace DeviceLab.VirtualDevice.Wire;

/// <summary>
/// Writes wire packets to the host connection. Many streams send at once, so each packet (header and
/// payload) is written whole under one lock; small packets go out in a single write.
/// </summary>
internal sealed class PacketWriter(Stream destination, CancellationToken connectionClosed) : IDisposable
{
    private const int CoalesceLimitBytes = 16 * 1024;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly byte[] _scratch = new byte[PacketHeader.SizeBytes + CoalesceLimitBytes];

    /// <summary>Whether the peer still expects payload checksums (protocol versions before 0x01000001).</summary>
    public bool WithChecksums { get; set; } = true;

    public ValueTask SendAsync(uint command, uint arg0, uint arg1) =>
        SendAsync(command, arg0, arg1, ReadOnlySequence<byte>.Empty);

    public ValueTask SendAsync(uint command, uint arg0, uint arg1, ReadOnlyMemory<byte> payload) =>
        SendAsync(command, arg0, arg1, new ReadOnlySequence<byte>(payload));

    public async ValueTask SendAsync(uint command, uint arg0, uint arg1, ReadOnlySequence<byte> payload)
    {
        var header = PacketHeader.Create(command, arg0, arg1, payload, WithChecksums);
        await _lock.WaitAsync(connectionClosed).ConfigureAwait(false);
        try
        {
            header.Write(_scratch);
            if (payload.Length <= CoalesceLimitBytes)
            {
                payload.CopyTo(_scratch.AsSpan(PacketHeader.SizeBytes));
                await destination.WriteAsync(_scratch.AsMemory(0, PacketHeader.SizeBytes + (int)payload.Length), connectionClosed).ConfigureAwait(false);
            }
            else
            {
                await destination.WriteAsync(_scratch.AsMemory(0, PacketHeader.SizeBytes), connectionClosed).ConfigureAwait(false);
                foreach (var segment in payload)
                    await destination.WriteAsync(segment, connectionClosed).ConfigureAwait(false);
            }
            await destination.FlushAsync(connectionClosed).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
