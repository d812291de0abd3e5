using System.Runtime.InteropServices;

namespace DeviceLab.Engine.Kernels;

/// <summary>
/// A 64-byte aligned block of native memory for activations, scratch and caches: outside the GC heap so
/// kernels take raw pointers without pinning, and untouched pages cost no resident memory.
/// </summary>
internal sealed unsafe class NativeBuffer<T> : IDisposable where T : unmanaged
{
    private T* _pointer;

    public NativeBuffer(long length, bool zeroed = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        var bytes = (nuint)Math.Max(1, length * sizeof(T));
        _pointer = (T*)NativeMemory.AlignedAlloc(bytes, 64);
        if (zeroed) NativeMemory.Clear(_pointer, bytes);
    }

    /// <summary>Elements held.</summary>
    public long Length { get; }

    public long Bytes => Length * sizeof(T);

    public T* Pointer => _pointer != null ? _pointer : throw new ObjectDisposedException(nameof(NativeBuffer<T>));

    public Span<T> AsSpan() => new(Pointer, checked((int)Length));

    public void Dispose()
    {
        var pointer = _pointer;
        _pointer = null;
        if (pointer != null) NativeMemory.AlignedFree(pointer);
        GC.SuppressFinalize(this);
    }

    ~NativeBuffer()
    {
        if (_pointer != null) NativeMemory.AlignedFree(_pointer);
    }
}
