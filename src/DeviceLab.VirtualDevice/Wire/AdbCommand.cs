namespace DeviceLab.VirtualDevice.Wire;

/// <summary>The wire packet commands: four ASCII letters read as a little-endian uint32.</summary>
internal static class AdbCommand
{
    public const uint Connect = 0x4e584e43;      // "CNXN"
    public const uint Auth = 0x48545541;         // "AUTH"
    public const uint Open = 0x4e45504f;         // "OPEN"
    public const uint Okay = 0x59414b4f;         // "OKAY"
    public const uint Close = 0x45534c43;        // "CLSE"
    public const uint Write = 0x45545257;        // "WRTE"
    public const uint Sync = 0x434e5953;         // "SYNC", obsolete
    public const uint StartTls = 0x534c5453;     // "STLS"

    /// <summary>The four letters of a command, or its hex value when it is not printable.</summary>
    public static string Name(uint command)
    {
        Span<char> letters = stackalloc char[4];
        for (var i = 0; i < 4; i++)
        {
            var b = (byte)(command >> (8 * i));
            if (b is < 0x20 or > 0x7e) return $"0x{command:x8}";
            letters[i] = (char)b;
        }
        return new string(letters);
    }
}
