using System.Collections;
using System.Globalization;

namespace DeviceLab.Engine.Gguf;

/// <summary>
/// One metadata value: a scalar (boxed CLR value of the matching type) or a packed array
/// (a CLR array: <c>uint[]</c>, <c>float[]</c>, <c>string[]</c>, …). Arrays of arrays are not supported.
/// </summary>
public sealed class GgufValue : IEquatable<GgufValue>
{
    private GgufValue(GgufValueType type, GgufValueType? elementType, object value)
    {
        Type = type;
        ElementType = elementType;
        Value = value;
    }

    public GgufValueType Type { get; }

    /// <summary>The element type of an array; null for scalars.</summary>
    public GgufValueType? ElementType { get; }

    /// <summary>The boxed scalar, or the CLR array for arrays.</summary>
    public object Value { get; }

    public bool IsArray => Type == GgufValueType.Array;

    /// <summary>Element count of an array; 1 for a scalar.</summary>
    public int Count => Value is Array a ? a.Length : 1;

    public static GgufValue UInt8(byte v) => new(GgufValueType.UInt8, null, v);
    public static GgufValue Int8(sbyte v) => new(GgufValueType.Int8, null, v);
    public static GgufValue UInt16(ushort v) => new(GgufValueType.UInt16, null, v);
    public static GgufValue Int16(short v) => new(GgufValueType.Int16, null, v);
    public static GgufValue UInt32(uint v) => new(GgufValueType.UInt32, null, v);
    public static GgufValue Int32(int v) => new(GgufValueType.Int32, null, v);
    public static GgufValue Float32(float v) => new(GgufValueType.Float32, null, v);
    public static GgufValue Bool(bool v) => new(GgufValueType.Bool, null, v);
    public static GgufValue String(string v) => new(GgufValueType.String, null, v ?? throw new ArgumentNullException(nameof(v)));
    public static GgufValue UInt64(ulong v) => new(GgufValueType.UInt64, null, v);
    public static GgufValue Int64(long v) => new(GgufValueType.Int64, null, v);
    public static GgufValue Float64(double v) => new(GgufValueType.Float64, null, v);

    /// <summary>An array value; the element type follows from <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not a GGUF element type.</exception>
    public static GgufValue Array<T>(T[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var elementType = ElementTypeOf(typeof(T))
            ?? throw new ArgumentException($"{typeof(T).Name} is not a GGUF array element type", nameof(values));
        if (values is string[] strings && strings.Any(s => s is null))
            throw new ArgumentException("string arrays cannot hold null", nameof(values));
        return new GgufValue(GgufValueType.Array, elementType, values);
    }

    internal static GgufValue FromParsedArray(GgufValueType elementType, Array values) =>
        new(GgufValueType.Array, elementType, values);

    internal static GgufValueType? ElementTypeOf(Type clrType) => clrType switch
    {
        _ when clrType == typeof(byte) => GgufValueType.UInt8,
        _ when clrType == typeof(sbyte) => GgufValueType.Int8,
        _ when clrType == typeof(ushort) => GgufValueType.UInt16,
        _ when clrType == typeof(short) => GgufValueType.Int16,
        _ when clrType == typeof(uint) => GgufValueType.UInt32,
        _ when clrType == typeof(int) => GgufValueType.Int32,
        _ when clrType == typeof(float) => GgufValueType.Float32,
        _ when clrType == typeof(bool) => GgufValueType.Bool,
        _ when clrType == typeof(string) => GgufValueType.String,
        _ when clrType == typeof(ulong) => GgufValueType.UInt64,
        _ when clrType == typeof(long) => GgufValueType.Int64,
        _ when clrType == typeof(double) => GgufValueType.Float64,
        _ => null,
    };

    /// <summary>The type as GGUF tools print it: "u32", "[f32]".</summary>
    public string TypeName => IsArray
        ? $"[{GgufValueTypes.Name(ElementType!.Value)}]"
        : GgufValueTypes.Name(Type);

    /// <summary>A display form; arrays longer than <paramref name="maxElements"/> are abbreviated.</summary>
    public string ToDisplayString(int maxElements = 8)
    {
        if (Value is not Array array) return FormatScalar(Value);
        var shown = Math.Min(array.Length, maxElements);
        var parts = new List<string>(shown + 1);
        for (var i = 0; i < shown; i++) parts.Add(FormatScalar(array.GetValue(i)!));
        if (array.Length > shown) parts.Add($"… ({array.Length} elements)");
        return "[" + string.Join(", ", parts) + "]";
    }

    public override string ToString() => ToDisplayString();

    private static string FormatScalar(object value) => value switch
    {
        string s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"",
        bool b => b ? "true" : "false",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public bool Equals(GgufValue? other) =>
        other is not null && Type == other.Type && ElementType == other.ElementType &&
        StructuralComparisons.StructuralEqualityComparer.Equals(Value, other.Value);

    public override bool Equals(object? obj) => Equals(obj as GgufValue);

    public override int GetHashCode() =>
        HashCode.Combine(Type, ElementType, StructuralComparisons.StructuralEqualityComparer.GetHashCode(Value));
}
