using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Gguf;

/// <summary>
/// Writes a GGUF v3 file: header, metadata, tensor infos (offsets in declaration order, each
/// aligned), then tensor data streamed in that order with zero padding to <c>general.alignment</c>
/// (default 32). Data is written through <see cref="WriteTensorData"/> in any chunk sizes, so no
/// tensor has to be held in memory whole. With <see cref="Create(string, GgufMetadata, IReadOnlyList{GgufTensorSpec})"/>
/// the file appears under its name only when <see cref="Complete"/> succeeds.
/// </summary>
public sealed class GgufWriter : IDisposable
{
    private static readonly byte[] Zeros = new byte[GgufLimits.MaxAlignment];

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string? _finalPath;
    private readonly string? _partialPath;
    private readonly List<GgufTensorInfo> _tensors;
    private int _current;
    private long _writtenInCurrent;
    private bool _completed;
    private bool _disposed;

    /// <summary>Starts a file at <paramref name="path"/> (written as <c>path.partial</c> until completed).</summary>
    public static GgufWriter Create(string path, GgufMetadata metadata, IReadOnlyList<GgufTensorSpec> tensors)
    {
        var fullPath = Path.GetFullPath(path);
        var partial = fullPath + ".partial";
        var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        try
        {
            return new GgufWriter(stream, metadata, tensors, leaveOpen: false, fullPath, partial);
        }
        catch
        {
            stream.Dispose();
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>Writes to a caller-owned stream; the header is written immediately.</summary>
    public GgufWriter(Stream stream, GgufMetadata metadata, IReadOnlyList<GgufTensorSpec> tensors, bool leaveOpen = false)
        : this(stream, metadata, tensors, leaveOpen, null, null)
    {
    }

    private GgufWriter(Stream stream, GgufMetadata metadata, IReadOnlyList<GgufTensorSpec> tensors, bool leaveOpen,
        string? finalPath, string? partialPath)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(tensors);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _finalPath = finalPath;
        _partialPath = partialPath;
        Alignment = AlignmentOf(metadata);
        _tensors = Layout(tensors, Alignment);
        WriteHeader(metadata);
        PadTo(GgufLimits.AlignUp(Position, Alignment));
        DataOffset = Position;
        SkipEmptyTensors();
    }

    public int Alignment { get; }

    /// <summary>Absolute offset of the data section.</summary>
    public long DataOffset { get; }

    /// <summary>Bytes written so far.</summary>
    public long Position { get; private set; }

    /// <summary>The tensors as they will appear in the file, offsets filled in.</summary>
    public IReadOnlyList<GgufTensorInfo> Tensors => _tensors;

    /// <summary>The tensor whose data <see cref="WriteTensorData"/> appends to next; null when all are written.</summary>
    public GgufTensorInfo? CurrentTensor => _current < _tensors.Count ? _tensors[_current] : null;

    /// <summary>Appends data to the current tensor; when it is complete, pads and moves to the next.</summary>
    /// <exception cref="InvalidOperationException">More data than the current tensor holds.</exception>
    public void WriteTensorData(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!data.IsEmpty)
        {
            var tensor = CurrentTensor ?? throw new InvalidOperationException("all tensors are already written; extra data would corrupt the file");
            var take = (int)Math.Min(data.Length, tensor.ByteSize - _writtenInCurrent);
            _stream.Write(data[..take]);
            Position += take;
            _writtenInCurrent += take;
            data = data[take..];
            if (_writtenInCurrent == tensor.ByteSize) FinishCurrentTensor();
        }
    }

    /// <summary>Checks every tensor got its data, flushes, and (for <see cref="Create"/>) moves the file into place.</summary>
    /// <exception cref="InvalidOperationException">A tensor is still missing data.</exception>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (CurrentTensor is { } missing)
            throw new InvalidOperationException(
                $"tensor '{missing.Name}' has {_writtenInCurrent} of {missing.ByteSize} bytes; {_tensors.Count - _current} tensor(s) incomplete");
        _stream.Flush();
        _completed = true;
        if (_finalPath is not null)
        {
            _stream.Dispose();
            File.Move(_partialPath!, _finalPath, overwrite: true);
        }
    }

    /// <summary>Writes a whole file from in-memory tensors (tests and small files).</summary>
    public static void Write(string path, GgufMetadata metadata, IReadOnlyList<(GgufTensorSpec Spec, byte[] Data)> tensors)
    {
        using var writer = Create(path, metadata, tensors.Select(t => t.Spec).ToList());
        foreach (var (spec, data) in tensors)
        {
            if (data.Length != spec.ByteSize)
                throw new ArgumentException($"tensor '{spec.Name}' needs {spec.ByteSize} bytes, got {data.Length}", nameof(tensors));
            writer.WriteTensorData(data);
        }
        writer.Complete();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_leaveOpen) _stream.Dispose();
        // An unfinished file must not look like a model: remove the partial file.
        if (!_completed && _partialPath is not null && File.Exists(_partialPath)) File.Delete(_partialPath);
    }

    private void FinishCurrentTensor()
    {
        PadTo(GgufLimits.AlignUp(Position, Alignment));
        _current++;
        _writtenInCurrent = 0;
        SkipEmptyTensors();
    }

    private void SkipEmptyTensors()
    {
        while (CurrentTensor is { ByteSize: 0 }) _current++;
    }

    private void PadTo(long target)
    {
        var count = (int)(target - Position);
        if (count <= 0) return;
        _stream.Write(Zeros, 0, count);
        Position = target;
    }

    private static int AlignmentOf(GgufMetadata metadata)
    {
        if (!metadata.TryGetValue(GgufLimits.AlignmentKey, out var value)) return GgufLimits.DefaultAlignment;
        if (value.Value is not uint a || a == 0 || (a & (a - 1)) != 0 || a > GgufLimits.MaxAlignment)
            throw new ArgumentException($"'{GgufLimits.AlignmentKey}' must be a u32 power of two up to {GgufLimits.MaxAlignment}, got {value.TypeName} {value}");
        return (int)a;
    }

    private static List<GgufTensorInfo> Layout(IReadOnlyList<GgufTensorSpec> specs, int alignment)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<GgufTensorInfo>(specs.Count);
        long offset = 0;
        foreach (var spec in specs)
        {
            ValidateSpec(spec);
            if (!names.Add(spec.Name)) throw new ArgumentException($"duplicate tensor name '{spec.Name}'", nameof(specs));
            var bytes = spec.ByteSize;
            result.Add(new GgufTensorInfo(spec.Name, spec.Type, (long[])spec.Dimensions.Clone(), offset, spec.ElementCount, bytes));
            offset = GgufLimits.AlignUp(checked(offset + bytes), alignment);
        }
        return result;
    }

    private static void ValidateSpec(GgufTensorSpec spec)
    {
        var nameBytes = Encoding.UTF8.GetByteCount(spec.Name);
        if (nameBytes is 0 or > GgufLimits.MaxTensorNameBytes)
            throw new ArgumentException($"tensor name '{spec.Name}' is {nameBytes} bytes; names need 1 to {GgufLimits.MaxTensorNameBytes}");
        if (spec.Dimensions.Length is 0 or > GgufLimits.MaxDimensions)
            throw new ArgumentException($"tensor '{spec.Name}' has {spec.Dimensions.Length} dimensions (1 to {GgufLimits.MaxDimensions} supported)");
        if (spec.Dimensions.Any(d => d <= 0))
            throw new ArgumentException($"tensor '{spec.Name}' has a non-positive dimension: [{string.Join(", ", spec.Dimensions)}]");
        var traits = spec.Type.Traits();
        if (!traits.FitsRow(spec.Dimensions[0]))
            throw new ArgumentException($"tensor '{spec.Name}' rows of {spec.Dimensions[0]} elements are not a multiple of the {traits.Name} block size {traits.BlockElements}");
    }

    // ---- header serialization ---------------------------------------------------------------

    private void WriteHeader(GgufMetadata metadata)
    {
        WriteUInt32(GgufLimits.Magic);
        WriteUInt32(GgufLimits.Version);
        WriteUInt64((ulong)_tensors.Count);
        WriteUInt64((ulong)metadata.Count);
        foreach (var (key, value) in metadata)
        {
            WriteString(key);
            WriteUInt32((uint)value.Type);
            WriteValue(value);
        }
        foreach (var tensor in _tensors)
        {
            WriteString(tensor.Name);
            WriteUInt32((uint)tensor.Dimensions.Length);
            foreach (var d in tensor.Dimensions) WriteUInt64((ulong)d);
            WriteUInt32((uint)tensor.Type);
            WriteUInt64((ulong)tensor.Offset);
        }
    }

    private void WriteValue(GgufValue value)
    {
        switch (value.Value)
        {
            case byte v: WriteBytes([v]); break;
            case sbyte v: WriteBytes([(byte)v]); break;
            case ushort v: WriteBytes(BitConverter.GetBytes(v)); break;
            case short v: WriteBytes(BitConverter.GetBytes(v)); break;
            case uint v: WriteUInt32(v); break;
            case int v: WriteUInt32((uint)v); break;
            case float v: WriteUInt32(BitConverter.SingleToUInt32Bits(v)); break;
            case bool v: WriteBytes([v ? (byte)1 : (byte)0]); break;
            case string v: WriteString(v); break;
            case ulong v: WriteUInt64(v); break;
            case long v: WriteUInt64((ulong)v); break;
            case double v: WriteUInt64(BitConverter.DoubleToUInt64Bits(v)); break;
            case Array array: WriteArray(value.ElementType!.Value, array); break;
            default: throw new ArgumentException($"cannot write metadata value of CLR type {value.Value.GetType().Name}");
        }
    }

    private void WriteArray(GgufValueType elementType, Array array)
    {
        WriteUInt32((uint)elementType);
        WriteUInt64((ulong)array.Length);
        switch (array)
        {
            case string[] strings:
                foreach (var s in strings) WriteString(s);
                break;
            case bool[] bools:
                foreach (var b in bools) WriteBytes([b ? (byte)1 : (byte)0]);
                break;
            case byte[] bytes: WriteBytes(bytes); break;
            case sbyte[] v: WriteBytes(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case ushort[] v: WriteBytes(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case short[] v: WriteBytes(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case uint[] v: WriteBytes(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case int[] v: WriteBytes(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case float[] v: WriteBytes(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case ulong[] v: WriteBytes(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case long[] v: WriteBytes(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case double[] v: WriteBytes(MemoryMarshal.AsBytes(v.AsSpan())); break;
            default: throw new ArgumentException($"cannot write a metadata array of {array.GetType().Name}");
        }
    }

    private void WriteUInt32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        WriteBytes(b);
    }

    private void WriteUInt64(ulong v)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        WriteBytes(b);
    }

    private void WriteString(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        WriteUInt64((ulong)bytes.Length);
        WriteBytes(bytes);
    }

    private void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        Position += bytes.Length;
    }
}
