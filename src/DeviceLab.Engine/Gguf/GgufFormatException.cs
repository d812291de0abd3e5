namespace DeviceLab.Engine.Gguf;

/// <summary>
/// A GGUF file (or its metadata) is malformed or lacks something required. The message names the
/// problem and the key or tensor concerned, so it can be shown to a user as it is.
/// </summary>
public sealed class GgufFormatException : Exception
{
    public GgufFormatException(string message) : base(message) { }

    public GgufFormatException(string message, Exception inner) : base(message, inner) { }
}
