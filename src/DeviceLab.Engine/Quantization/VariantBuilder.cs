using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Tensors;

namespace DeviceLab.Engine.Quantization;

/// <summary>What a variant build did.</summary>
public sealed record VariantReport(string Path, long FileBytes, IReadOnlyList<VariantTensor> Tensors)
{
    /// <summary>"name: reason" for every tensor kept in another type than requested.</summary>
    public IReadOnlyList<string> Skipped => Tensors.Where(t => t.SkipReason is not null).Select(t => $"{t.Source.Name}: {t.SkipReason}").ToList();
}

/// <summary>
/// Builds a quantized (or F16/F32) variant of a GGUF file: matrices converted to the requested
/// type, norms F32, metadata copied with <c>general.file_type</c>, <c>general.quantization_version</c>
/// and the list of skipped tensors set. Streams one tensor at a time from the mapping, a bounded
/// batch of rows at a time, so memory stays small whatever the model size.
/// </summary>
public static class VariantBuilder
{
    // Rows converted per batch; 1M elements is 4 MiB of floats.
    private const int BatchElements = 1 << 20;

    public static VariantReport Build(string sourcePath, string destinationPath, VariantOptions options)
    {
        if (string.Equals(Path.GetFullPath(sourcePath), Path.GetFullPath(destinationPath), StringComparison.Ordinal))
            throw new ArgumentException($"the variant must be written to another file than its source ({sourcePath})");
        using var source = GgufFile.Open(sourcePath);
        return Build(source, destinationPath, options);
    }

    public static VariantReport Build(GgufFile source, string destinationPath, VariantOptions options)
    {
        var plan = VariantPlan.Plan(source, options);
        var metadata = VariantMetadata(source.Metadata, options.Type, plan);
        var specs = plan.Select(p => new GgufTensorSpec(p.Source.Name, p.Type, p.Source.Dimensions)).ToList();
        var totalBytes = specs.Sum(s => s.ByteSize);
        long done = 0;
        using (var writer = GgufWriter.Create(destinationPath, metadata, specs))
        {
            for (var i = 0; i < plan.Count; i++)
            {
                Convert(source, plan[i], writer);
                done += specs[i].ByteSize;
                options.Progress?.Invoke(new GgufWriteProgress(specs[i].Name, i + 1, specs.Count, done, totalBytes));
            }
            writer.Complete();
        }
        return new VariantReport(Path.GetFullPath(destinationPath), new FileInfo(destinationPath).Length, plan);
    }

    private static GgufMetadata VariantMetadata(GgufMetadata sourceMetadata, GgmlType type, IReadOnlyList<VariantTensor> plan)
    {
        var metadata = sourceMetadata.Clone();
        metadata.Set("general.file_type", GgufValue.UInt32(VariantPlan.FileType(type)));
        if (type.Traits().IsQuantized) metadata.Set("general.quantization_version", GgufValue.UInt32(VariantPlan.QuantizationVersion));
        else metadata.Remove("general.quantization_version");
        var skipped = plan.Where(p => p.SkipReason is not null).Select(p => $"{p.Source.Name}: {p.SkipReason}").ToArray();
        if (skipped.Length > 0) metadata.Set(VariantPlan.SkippedKey, GgufValue.Array(skipped));
        else metadata.Remove(VariantPlan.SkippedKey);
        return metadata;
    }

    private static void Convert(GgufFile source, VariantTensor tensor, GgufWriter writer)
    {
        var info = tensor.Source;
        if (info.Type == tensor.Type)
        {
            for (long row = 0; row < info.RowCount;)
            {
                var rows = RowsPerBatch(info, row);
                writer.WriteTensorData(source.GetRowBytes(info, row, rows));
                row += rows;
            }
            return;
        }
        var decoder = info.Type.Codec();
        var encoder = tensor.Type.Codec();
        var rowLength = (int)info.RowLength;
        var targetRowBytes = (int)tensor.Type.Traits().RowBytes(rowLength);
        var maxRows = RowsPerBatch(info, 0);
        var output = new byte[checked(maxRows * targetRowBytes)];
        for (long row = 0; row < info.RowCount;)
        {
            var rows = RowsPerBatch(info, row);
            ConvertRows(source, info, row, rows, decoder, encoder, output, targetRowBytes);
            writer.WriteTensorData(output.AsSpan(0, rows * targetRowBytes));
            row += rows;
        }
    }

    private static unsafe void ConvertRows(GgufFile source, GgufTensorInfo info, long firstRow, int rows,
        IRowCodec decoder, IRowCodec encoder, byte[] output, int targetRowBytes)
    {
        var rowLength = (int)info.RowLength;
        var sourceRowBytes = (int)info.RowBytes;
        var basePointer = source.GetTensorPointer(info) + firstRow * sourceRowBytes;
        Parallel.For(0, rows, () => new float[rowLength], (r, _, values) =>
        {
            var sourceRow = new ReadOnlySpan<byte>(basePointer + (long)r * sourceRowBytes, sourceRowBytes);
            decoder.Dequantize(sourceRow, values);
            encoder.Quantize(values, output.AsSpan(r * targetRowBytes, targetRowBytes));
            return values;
        }, _ => { });
    }

    private static int RowsPerBatch(GgufTensorInfo info, long firstRow) =>
        (int)Math.Min(Math.Max(1, BatchElements / info.RowLength), info.RowCount - firstRow);
}
