namespace DeviceLab.Adb;

/// <summary>How far a push or pull is.</summary>
/// <param name="TotalBytes">Null when the size is not known in advance (a non-seekable source stream).</param>
public readonly record struct SyncProgress(long BytesTransferred, long? TotalBytes)
{
    public double? Fraction => TotalBytes is > 0 ? (double)BytesTransferred / TotalBytes.Value : null;
}
