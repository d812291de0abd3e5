using DeviceLab.Engine.Kernels;

namespace DeviceLab.Engine.Llama;

/// <summary>
/// Keys and values of every position seen so far, per layer: (layers, 2, context, kv_dim) in F16 or F32.
/// Sized from the context limit up front; the memory is reserved, not touched, so resident memory grows
/// only as positions are written.
/// </summary>
internal sealed unsafe class KvCache : IDisposable
{
    private readonly NativeBuffer<byte> _memory;

    public KvCache(int layers, int contextLength, int kvDimension, KvCacheType type)
    {
        Layers = layers;
        ContextLength = contextLength;
        KvDimension = kvDimension;
        Type = type;
        RowBytes = (long)kvDimension * (type == KvCacheType.F16 ? 2 : 4);
        _memory = new NativeBuffer<byte>(checked(2L * layers * contextLength * RowBytes));
    }

    public int Layers { get; }
    public int ContextLength { get; }
    public int KvDimension { get; }
    public KvCacheType Type { get; }

    /// <summary>Bytes of one position's keys (or values) in one layer.</summary>
    public long RowBytes { get; }

    public long Bytes => _memory.Bytes;

    /// <summary>(context, kv_dim) keys of <paramref name="layer"/>.</summary>
    public byte* Keys(int layer) => _memory.Pointer + (2L * layer) * ContextLength * RowBytes;

    /// <summary>(context, kv_dim) values of <paramref name="layer"/>.</summary>
    public byte* Values(int layer) => _memory.Pointer + (2L * layer + 1) * ContextLength * RowBytes;

    /// <summary>Writes one position's (kv_dim) key and value.</summary>
    public void Store(int layer, int position, float* key, float* value)
    {
        if ((uint)position >= (uint)ContextLength)
            throw new InvalidOperationException($"position {position} is outside the {ContextLength}-token context");
        Write(Keys(layer) + position * RowBytes, key);
        Write(Values(layer) + position * RowBytes, value);
    }

    private void Write(byte* destination, float* source)
    {
        if (Type == KvCacheType.F32)
        {
            Buffer.MemoryCopy(source, destination, RowBytes, RowBytes);
            return;
        }
        HalfBits.FromSingle(source, (ushort*)destination, KvDimension);
    }

    public void Dispose() => _memory.Dispose();
}
