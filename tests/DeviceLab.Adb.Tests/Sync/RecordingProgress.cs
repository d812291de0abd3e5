namespace DeviceLab.Adb.Tests.Sync;

/// <summary>Keeps every progress report, in order, on the reporting thread (Progress&lt;T&gt; would post them elsewhere).</summary>
internal sealed class RecordingProgress : IProgress<SyncProgress>
{
    public List<SyncProgress> Reports { get; } = [];

    public void Report(SyncProgress value)
    {
        lock (Reports) Reports.Add(value);
    }

    public void AssertCompleteRun(long totalBytes)
    {
        Assert.True(Reports.Count > 10, $"{Reports.Count} progress reports");
        Assert.All(Reports, r => Assert.Equal(totalBytes, r.TotalBytes));
        Assert.Equal(0, Reports[0].BytesTransferred);
        Assert.Equal(totalBytes, Reports[^1].BytesTransferred);
        for (var i = 1; i < Reports.Count; i++) Assert.True(Reports[i].BytesTransferred >= Reports[i - 1].BytesTransferred);
    }
}
