using System.IO.MemoryMappedFiles;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Gguf;

/// <summary>
/// A GGUF file opened read-only and memory-mapped. The header is parsed and validated on open;
/// tensor data stays in the mapping (no copy into managed arrays) and is reached through
/// <see cref="GetTensorBytes"/> or <see cref="GetTensorPointer"/>, valid until <see cref="Dispose"/>.
/// </summary>
public sealed unsafe class GgufFile : IDisposable
{
    private readonly MemoryMappedFile? _mapping;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly Dictionary<string, GgufTensorInfo> _byName;
    private byte* _base;

    private GgufFile(string path, long length, MemoryMappedFile mapping, MemoryMappedViewAccessor view, byte* basePointer)
    {
        Path = path;
        FileLength = length;
        _mapping = mapping;
        _view = view;
        _base = basePointer;
        try
        {
            var header = GgufHeaderReader.Read(basePointer, length);
            Version = header.Version;
            Metadata = header.Metadata;
            Tensors = header.Tensors;
            Alignment = header.Alignment;
            DataOffset = header.DataOffset;
            _byName = header.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Opens and validates a GGUF file.</summary>
    /// <exception cref="GgufFormatException">The file is not valid GGUF; the message names the problem.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static GgufFile Open(string path)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("GGUF tensor data is little-endian; this engine needs a little-endian CPU");
        var fullPath = System.IO.Path.GetFullPath(path);
        var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
        var length = stream.Length;
        if (length == 0)
        {
            stream.Dispose();
            throw new GgufFormatException($"{fullPath}: file is empty (0 bytes); a GGUF file starts with the magic 'GGUF'");
        }
        var mapping = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        MemoryMappedViewAccessor? view = null;
        try
        {
            view = mapping.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            pointer += view.PointerOffset;
            return new GgufFile(fullPath, length, mapping, view, pointer);
        }
        catch (Exception e) when (e is not GgufFormatException)
        {
            view?.Dispose();
            mapping.Dispose();
            throw;
        }
    }

    public string Path { get; }

    /// <summary>File size in bytes.</summary>
    public long FileLength { get; }

    /// <summary>GGUF version of the file (2 or 3).</summary>
    public uint Version { get; }

    public GgufMetadata Metadata { get; }

    /// <summary>Tensor infos in header order.</summary>
    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    /// <summary>Data alignment in bytes (<c>general.alignment</c>, default 32).</summary>
    public int Alignment { get; }

    /// <summary>Absolute file offset of the data section.</summary>
    public long DataOffset { get; }

    /// <summary>The tensor named <paramref name="name"/>.</summary>
    /// <exception cref="GgufFormatException">The file has no such tensor.</exception>
    public GgufTensorInfo GetTensor(string name) =>
        _byName.TryGetValue(name, out var info) ? info : throw new GgufFormatException($"missing tensor '{name}'");

    public bool TryGetTensor(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GgufTensorInfo? info) =>
        _byName.TryGetValue(name, out info);

    /// <summary>Pointer to a tensor's first byte in the mapping; valid until the file is disposed.</summary>
    public byte* GetTensorPointer(GgufTensorInfo tensor)
    {
        CheckOwned(tensor);
        return _base + DataOffset + tensor.Offset;
    }

    /// <summary>A tensor's bytes in the mapping (no copy); valid until the file is disposed.</summary>
    /// <exception cref="NotSupportedException">The tensor is larger than a span can address (2 GiB).</exception>
    public ReadOnlySpan<byte> GetTensorBytes(GgufTensorInfo tensor)
    {
        if (tensor.ByteSize > int.MaxValue)
            throw new NotSupportedException($"tensor '{tensor.Name}' is {tensor.ByteSize} bytes; use GetTensorPointer for tensors over 2 GiB");
        return new ReadOnlySpan<byte>(GetTensorPointer(tensor), (int)tensor.ByteSize);
    }

    /// <summary>Bytes of rows <paramref name="firstRow"/> … <paramref name="firstRow"/>+<paramref name="rowCount"/>−1.</summary>
    public ReadOnlySpan<byte> GetRowBytes(GgufTensorInfo tensor, long firstRow, int rowCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstRow);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        if (firstRow + rowCount > tensor.RowCount)
            throw new ArgumentOutOfRangeException(nameof(rowCount), $"rows {firstRow}..{firstRow + rowCount} exceed the {tensor.RowCount} rows of '{tensor.Name}'");
        var length = checked(tensor.RowBytes * rowCount);
        if (length > int.MaxValue) throw new NotSupportedException($"{length} bytes do not fit in a span");
        return new ReadOnlySpan<byte>(GetTensorPointer(tensor) + tensor.RowBytes * firstRow, (int)length);
    }

    /// <summary>The traits of a tensor's type, or a clear error when the engine cannot compute with it.</summary>
    public static GgmlTypeTraits ComputableTraits(GgufTensorInfo tensor)
    {
        var traits = tensor.Type.Traits();
        if (!traits.CanCompute)
            throw new GgufFormatException(
                $"tensor '{tensor.Name}' has type {traits.Name}, which this engine cannot compute with (supported: f32, f16, q8_0, q4_0)");
        return traits;
    }

    private void CheckOwned(GgufTensorInfo tensor)
    {
        ObjectDisposedException.ThrowIf(_base == null, this);
        if (!_byName.TryGetValue(tensor.Name, out var own) || !ReferenceEquals(own, tensor))
            throw new ArgumentException($"tensor '{tensor.Name}' does not belong to {Path}", nameof(tensor));
    }

    public void Dispose()
    {
        if (_base != null)
        {
            _view?.SafeMemoryMappedViewHandle.ReleasePointer();
            _base = null;
        }
        _view?.Dispose();
        _mapping?.Dispose();
    }
}
