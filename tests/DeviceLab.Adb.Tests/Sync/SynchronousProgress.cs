namespace DeviceLab.Adb.Tests.Sync;

/// <summary>Reports on the caller's thread, so a test can react (cancel, signal) at an exact byte count.</summary>
internal sealed class SynchronousProgress(Action<SyncProgress> report) : IProgress<SyncProgress>
{
    public void Report(SyncProgress value) => report(value);
}
