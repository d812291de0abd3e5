using System.Text.Json;
using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Cli.Models.Inspect;

/// <summary>The JSON form of <c>models inspect</c>: one object, arrays in full, for scripts.</summary>
internal static class InspectJson
{
    public static void Write(GgufFile file, TextWriter o)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("path", file.Path);
            w.WriteNumber("file_bytes", file.FileLength);
            w.WriteNumber("version", file.Version);
            w.WriteNumber("alignment", file.Alignment);
            w.WriteNumber("data_offset", file.DataOffset);
            w.WriteStartObject("metadata");
            foreach (var (key, value) in file.Metadata)
            {
                w.WriteStartObject(key);
                w.WriteString("type", value.TypeName);
                w.WritePropertyName("value");
                WriteValue(w, value.Value);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartArray("tensors");
            foreach (var t in file.Tensors)
            {
                w.WriteStartObject();
                w.WriteString("name", t.Name);
                w.WriteString("type", GgmlTypes.NameOf(t.Type));
                w.WriteStartArray("dimensions");
                foreach (var d in t.Dimensions) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteNumber("offset", t.Offset);
                w.WriteNumber("bytes", t.ByteSize);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        o.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteValue(Utf8JsonWriter w, object value)
    {
        switch (value)
        {
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case float f when float.IsFinite(f): w.WriteNumberValue(f); break;
            case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
            case float or double: w.WriteStringValue(value.ToString()); break; // NaN / infinity have no JSON number
            case byte or sbyte or ushort or short or uint or int or long: w.WriteNumberValue(Convert.ToInt64(value)); break;
            case ulong u: w.WriteNumberValue(u); break;
            case Array array:
                w.WriteStartArray();
                foreach (var element in array) WriteValue(w, element!);
                w.WriteEndArray();
                break;
            default: w.WriteStringValue(value.ToString()); break;
        }
    }
}
