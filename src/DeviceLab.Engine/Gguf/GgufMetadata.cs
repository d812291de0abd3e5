using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace DeviceLab.Engine.Gguf;

/// <summary>
/// GGUF metadata: keys in file order with typed accessors. A missing key or a value of the wrong
/// type is a <see cref="GgufFormatException"/> naming the key, because metadata comes from files.
/// Integer accessors accept any integer type whose value fits (files from other tools differ in
/// width); float accessors accept f32 and f64.
/// </summary>
public sealed class GgufMetadata : IEnumerable<KeyValuePair<string, GgufValue>>
{
    private readonly List<string> _order = [];
    private readonly Dictionary<string, GgufValue> _values = new(StringComparer.Ordinal);

    public int Count => _order.Count;

    /// <summary>Keys in file (insertion) order.</summary>
    public IReadOnlyList<string> Keys => _order;

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, [NotNullWhen(true)] out GgufValue? value) => _values.TryGetValue(key, out value);

    /// <summary>The value of a required key.</summary>
    public GgufValue this[string key] =>
        _values.TryGetValue(key, out var value) ? value : throw new GgufFormatException($"missing required metadata key '{key}'");

    /// <summary>Adds a key; a duplicate is an error (GGUF forbids duplicate keys).</summary>
    public void Add(string key, GgufValue value)
    {
        ValidateKey(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!_values.TryAdd(key, value)) throw new ArgumentException($"duplicate metadata key '{key}'", nameof(key));
        _order.Add(key);
    }

    /// <summary>Sets a key, keeping its position when it exists already.</summary>
    public void Set(string key, GgufValue value)
    {
        ValidateKey(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!_values.ContainsKey(key)) _order.Add(key);
        _values[key] = value;
    }

    public bool Remove(string key) => _values.Remove(key) && _order.Remove(key);

    /// <summary>A copy that can be changed without touching this one (values are shared; they are not mutated).</summary>
    public GgufMetadata Clone()
    {
        var copy = new GgufMetadata();
        foreach (var key in _order) copy.Add(key, _values[key]);
        return copy;
    }

    public IEnumerator<KeyValuePair<string, GgufValue>> GetEnumerator() =>
        _order.Select(k => new KeyValuePair<string, GgufValue>(k, _values[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // ---- typed accessors -------------------------------------------------------------------

    public uint GetUInt32(string key) => TryGetUInt32(key, out var v) ? v : throw MissingOrWrong(key, "u32");
    public int GetInt32(string key) => TryGetInt32(key, out var v) ? v : throw MissingOrWrong(key, "i32");
    public ulong GetUInt64(string key) => TryGetUInt64(key, out var v) ? v : throw MissingOrWrong(key, "u64");
    public long GetInt64(string key) => TryGetInt64(key, out var v) ? v : throw MissingOrWrong(key, "i64");
    public float GetFloat32(string key) => TryGetFloat32(key, out var v) ? v : throw MissingOrWrong(key, "f32");
    public bool GetBool(string key) => TryGetBool(key, out var v) ? v : throw MissingOrWrong(key, "bool");
    public string GetString(string key) => TryGetString(key, out var v) ? v : throw MissingOrWrong(key, "string");
    public string[] GetStringArray(string key) => TryGetStringArray(key, out var v) ? v : throw MissingOrWrong(key, "[string]");
    public float[] GetFloat32Array(string key) => TryGetFloat32Array(key, out var v) ? v : throw MissingOrWrong(key, "[f32]");
    public int[] GetInt32Array(string key) => TryGetInt32Array(key, out var v) ? v : throw MissingOrWrong(key, "[i32]");

    public bool TryGetUInt32(string key, out uint value) => TryGetInteger(key, uint.MinValue, uint.MaxValue, out value);
    public bool TryGetInt32(string key, out int value) => TryGetInteger(key, int.MinValue, int.MaxValue, out value);
    public bool TryGetInt64(string key, out long value) => TryGetInteger(key, long.MinValue, long.MaxValue, out value);

    public bool TryGetUInt64(string key, out ulong value)
    {
        value = 0;
        if (!_values.TryGetValue(key, out var v)) return false;
        if (v.Value is ulong u) { value = u; return true; }
        if (!TryAsInt128(v.Value, out var wide)) throw WrongType(key, v, "an unsigned integer");
        if (wide < 0) throw OutOfRange(key, wide, "u64");
        value = (ulong)wide;
        return true;
    }

    public bool TryGetFloat32(string key, out float value)
    {
        value = 0;
        if (!_values.TryGetValue(key, out var v)) return false;
        value = v.Value switch
        {
            float f => f,
            double d => (float)d,
            _ => throw WrongType(key, v, "f32"),
        };
        return true;
    }

    public bool TryGetBool(string key, out bool value)
    {
        value = false;
        if (!_values.TryGetValue(key, out var v)) return false;
        value = v.Value is bool b ? b : throw WrongType(key, v, "bool");
        return true;
    }

    public bool TryGetString(string key, [NotNullWhen(true)] out string? value)
    {
        value = null;
        if (!_values.TryGetValue(key, out var v)) return false;
        value = v.Value as string ?? throw WrongType(key, v, "string");
        return true;
    }

    public bool TryGetStringArray(string key, [NotNullWhen(true)] out string[]? value)
    {
        value = null;
        if (!_values.TryGetValue(key, out var v)) return false;
        value = v.Value as string[] ?? throw WrongType(key, v, "[string]");
        return true;
    }

    public bool TryGetFloat32Array(string key, [NotNullWhen(true)] out float[]? value)
    {
        value = null;
        if (!_values.TryGetValue(key, out var v)) return false;
        value = v.Value switch
        {
            float[] f => f,
            double[] d => Array.ConvertAll(d, x => (float)x),
            _ => throw WrongType(key, v, "[f32]"),
        };
        return true;
    }

    public bool TryGetInt32Array(string key, [NotNullWhen(true)] out int[]? value)
    {
        value = null;
        if (!_values.TryGetValue(key, out var v)) return false;
        if (v.Value is int[] ints) { value = ints; return true; }
        if (v.Value is not Array array || v.ElementType is GgufValueType.String or GgufValueType.Float32
            or GgufValueType.Float64 or GgufValueType.Bool)
            throw WrongType(key, v, "[i32]");
        var result = new int[array.Length];
        for (var i = 0; i < result.Length; i++)
        {
            TryAsInt128(array.GetValue(i)!, out var wide);
            if (wide < int.MinValue || wide > int.MaxValue) throw OutOfRange(key, wide, $"i32 (element {i})");
            result[i] = (int)wide;
        }
        value = result;
        return true;
    }

    private bool TryGetInteger<T>(string key, T min, T max, out T value) where T : struct, System.Numerics.IBinaryInteger<T>
    {
        value = default;
        if (!_values.TryGetValue(key, out var v)) return false;
        if (v.Value is T exact) { value = exact; return true; }
        if (!TryAsInt128(v.Value, out var wide)) throw WrongType(key, v, "an integer");
        if (wide < Int128.CreateTruncating(min) || wide > Int128.CreateTruncating(max))
            throw OutOfRange(key, wide, typeof(T).Name);
        value = T.CreateTruncating(wide);
        return true;
    }

    private static bool TryAsInt128(object value, out Int128 wide)
    {
        wide = value switch
        {
            byte b => b,
            sbyte b => b,
            ushort s => s,
            short s => s,
            uint u => u,
            int i => i,
            ulong u => u,
            long l => l,
            _ => Int128.MinValue,
        };
        return wide != Int128.MinValue;
    }

    private GgufFormatException MissingOrWrong(string key, string expected) =>
        _values.ContainsKey(key)
            ? new GgufFormatException($"metadata key '{key}' is not {expected}")
            : new GgufFormatException($"missing required metadata key '{key}' ({expected})");

    private static GgufFormatException WrongType(string key, GgufValue v, string expected) =>
        new($"metadata key '{key}' holds {v.TypeName}, expected {expected}");

    private static GgufFormatException OutOfRange(string key, Int128 value, string target) =>
        new($"metadata key '{key}' value {value} does not fit in {target}");

    private static void ValidateKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
    }
}
