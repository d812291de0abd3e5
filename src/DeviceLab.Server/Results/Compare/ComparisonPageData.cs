namespace DeviceLab.Server.Results.Compare;

/// <summary>Everything the compare page shows for one selection; persisted from the prerender into the circuit.</summary>
/// <param name="Key">The query string it was loaded for (a new one loads again).</param>
public sealed record ComparisonPageData(string Key, ComparisonChoices Choices, ComparisonSelection Selection, List<ComparisonRow> Rows)
{
    public static string KeyOf(long? model, long[]? variants, string[]? devices, long? run) =>
        $"{model}|{string.Join(",", variants ?? [])}|{string.Join("\u001f", devices ?? [])}|{run}";

    /// <summary>The row has the best value of its device model for this metric (and the model has more than one row).</summary>
    public bool IsBest(ComparisonRow row, ResultMetricView metric)
    {
        if (row[metric].Mean is not { } mine || row[metric].Invalid is not null) return false;
        var peers = Rows.Where(r => r.DeviceModel == row.DeviceModel && r[metric].Mean is not null && r[metric].Invalid is null).ToList();
        if (peers.Count < 2) return false;
        var best = metric.Better == DeviceLab.Core.Regressions.MetricDirection.HigherIsBetter
            ? peers.Max(r => r[metric].Mean!.Value)
            : peers.Min(r => r[metric].Mean!.Value);
        return mine == best;
    }
}
