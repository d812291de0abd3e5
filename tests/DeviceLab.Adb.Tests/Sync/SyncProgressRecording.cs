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

internal sealed class SynchronousProgress(Action<SyncProgress> report) : IProgress<SyncProgress>
{
    public void Report(SyncProgress value) => report(value);
}

/// <summary>A source that never ends, for pushes that must be stopped from outside.</summary>
internal sealed class EndlessStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => count;
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Accepts writes until a byte count, then holds the writer until <see cref="Open"/>.</summary>
internal sealed class GatedStream(long gateAfterBytes) : Stream
{
    private readonly TaskCompletionSource _gateReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _length;

    public Task GateReached => _gateReached.Task;

    public void Open() => _open.TrySetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _length += buffer.Length;
        if (_length >= gateAfterBytes)
        {
            _gateReached.TrySetResult();
            await _open.Task.WaitAsync(cancellationToken);
        }
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
}
