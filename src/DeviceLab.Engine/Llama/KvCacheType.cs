namespace DeviceLab.Engine.Llama;

/// <summary>The element type of the key/value cache.</summary>
public enum KvCacheType
{
    /// <summary>Half precision, as llama.cpp's default: half the memory of F32.</summary>
    F16,

    /// <summary>Single precision.</summary>
    F32,
}
