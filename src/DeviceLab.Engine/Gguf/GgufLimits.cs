namespace DeviceLab.Engine.Gguf;

/// <summary>Limits of the format as ggml enforces them.</summary>
public static class GgufLimits
{
    /// <summary>The magic "GGUF" read as a little-endian uint32.</summary>
    public const uint Magic = 0x46554747;

    /// <summary>The version this engine writes.</summary>
    public const uint Version = 3;

    /// <summary>Tensor names are at most 63 UTF-8 bytes (ggml keeps them in a 64-byte buffer with a terminator).</summary>
    public const int MaxTensorNameBytes = 63;

    /// <summary>ggml tensors have at most four dimensions.</summary>
    public const int MaxDimensions = 4;

    /// <summary>Data section alignment when <c>general.alignment</c> is absent.</summary>
    public const int DefaultAlignment = 32;

    /// <summary>Largest alignment accepted; larger values are a corrupt header, not a real need.</summary>
    public const int MaxAlignment = 1 << 20;

    public const string AlignmentKey = "general.alignment";

    public static long AlignUp(long value, int alignment) => (value + alignment - 1) / alignment * alignment;
}
