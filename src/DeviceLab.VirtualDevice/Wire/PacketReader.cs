namespace DeviceLab.VirtualDevice.Wire;

/// <summary>
/// Reads wire packets from the host connection. Headers and payloads may arrive split across any
/// number of socket reads; the caller chooses where each payload goes (a stream's input pipe, a
/// scratch buffer), so a 1 MiB WRTE is copied once, from the socket into its destination.
/// </summary>
internal sealed class PacketReader(Stream source)
{
    private readonly byte[] _header = new byte[PacketHeader.SizeBytes];

    /// <summary>The next header, or null when the host closed the connection cleanly between packets.</summary>
    public async ValueTask<PacketHeader?> ReadHeaderAsync(int maxPayloadBytes, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < _header.Length)
        {
            var read = await source.ReadAsync(_header.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (filled == 0) return null;
                throw new WireProtocolException($"connection closed inside a packet header ({filled} of {PacketHeader.SizeBytes} bytes)");
            }
            filled += read;
        }

        var header = PacketHeader.Read(_header);
        if (!header.HasValidMagic)
            throw new WireProtocolException($"bad packet magic 0x{header.Magic:x8} for command 0x{header.Command:x8}");
        if (header.DataLength > maxPayloadBytes)
            throw new WireProtocolException($"{AdbCommand.Name(header.Command)} payload of {header.DataLength} bytes exceeds the limit of {maxPayloadBytes}");
        return header;
    }

    /// <summary>Reads exactly <paramref name="destination"/>.Length payload bytes.</summary>
    public async ValueTask ReadPayloadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        try
        {
            await source.ReadExactlyAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            throw new WireProtocolException($"connection closed inside a packet payload of {destination.Length} bytes");
        }
    }
}
