using System.Globalization;
using System.Text;

namespace DeviceLab.Adb.Protocol;

/// <summary>The smart socket's framing: 4 lowercase hex digits of payload length, then the payload.</summary>
internal static class HexLength
{
    public const int MaxPayloadBytes = 0xFFFF;

    public static byte[] Frame(string payload)
    {
        var byteCount = Encoding.UTF8.GetByteCount(payload);
        if (byteCount > MaxPayloadBytes)
        {
            throw new ArgumentException($"an adb request is at most {MaxPayloadBytes} bytes; this one has {byteCount}", nameof(payload));
        }
        var frame = new byte[4 + byteCount];
        Encoding.ASCII.GetBytes(byteCount.ToString("x4", CultureInfo.InvariantCulture), frame);
        Encoding.UTF8.GetBytes(payload, frame.AsSpan(4));
        return frame;
    }

    public static bool TryParse(ReadOnlySpan<byte> digits, out int length)
    {
        length = 0;
        if (digits.Length != 4) return false;
        foreach (var digit in digits)
        {
            int value = digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
                _ => -1,
            };
            if (value < 0) return false;
            length = length * 16 + value;
        }
        return true;
    }
}
