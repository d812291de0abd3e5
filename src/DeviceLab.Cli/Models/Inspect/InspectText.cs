using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Llama;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Cli.Models.Inspect;

/// <summary>The human-readable form of <c>models inspect</c>.</summary>
internal static class InspectText
{
    private const int ShownArrayElements = 8;

    public static void Write(GgufFile file, TextWriter o)
    {
        o.WriteLine($"file:       {file.Path}");
        o.WriteLine($"size:       {file.FileLength:N0} bytes ({ModelCommandAction.Megabytes(file.FileLength)})");
        o.WriteLine($"version:    GGUF v{file.Version}, alignment {file.Alignment}, data at offset {file.DataOffset:N0}");
        o.WriteLine($"tensors:    {file.Tensors.Count}, {file.Tensors.Sum(t => t.ElementCount):N0} elements, {file.Tensors.Sum(t => t.ByteSize):N0} bytes");
        WriteLlama(file, o);
        o.WriteLine();
        o.WriteLine($"metadata ({file.Metadata.Count} keys):");
        var keyWidth = file.Metadata.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max();
        foreach (var (key, value) in file.Metadata)
            o.WriteLine($"  {key.PadRight(keyWidth)}  {value.TypeName,-8} {value.ToDisplayString(ShownArrayElements)}");
        o.WriteLine();
        WriteTensorTable(file, o);
    }

    private static void WriteLlama(GgufFile file, TextWriter o)
    {
        if (!file.Metadata.TryGetString("general.architecture", out var architecture) || architecture != "llama") return;
        try
        {
            var c = LlamaConfig.FromGguf(file);
            o.WriteLine(
                $"llama:      n_embd {c.EmbeddingLength}, n_layer {c.BlockCount}, n_head {c.HeadCount}, n_head_kv {c.HeadCountKv}, " +
                $"n_ff {c.FeedForwardLength}, vocab {c.VocabSize}, ctx {c.ContextLength}, rope base {c.RopeFreqBase}, " +
                $"rms eps {c.RmsNormEpsilon}, output {(c.TiedOutput ? "tied to embedding" : "separate")}");
        }
        catch (GgufFormatException e)
        {
            // The header is valid GGUF but not a model this engine can run: say why, still show the rest.
            o.WriteLine($"llama:      not runnable by this engine: {e.Message}");
        }
    }

    private static void WriteTensorTable(GgufFile file, TextWriter o)
    {
        var nameWidth = Math.Max(4, file.Tensors.Select(t => t.Name.Length).DefaultIfEmpty(0).Max());
        var shapeWidth = Math.Max(10, file.Tensors.Select(t => t.ShapeText.Length).DefaultIfEmpty(0).Max());
        o.WriteLine($"  {"name".PadRight(nameWidth)}  {"type",-5}  {"dimensions".PadRight(shapeWidth)}  {"bytes",14}");
        foreach (var t in file.Tensors)
            o.WriteLine($"  {t.Name.PadRight(nameWidth)}  {GgmlTypes.NameOf(t.Type),-5}  {t.ShapeText.PadRight(shapeWidth)}  {t.ByteSize,14:N0}");
    }
}
