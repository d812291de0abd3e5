using System.Runtime.InteropServices;

namespace DeviceLab.Benchmarks.Adb;

/// <summary>
/// CPU time (user + system) from getrusage: this process's own, and that of its finished (reaped) child processes.
/// CPU per byte moved does not depend on how busy the shared machine is, unlike MB/s.
/// </summary>
internal static partial class ProcessorTime
{
    private const int Self = 0;
    private const int Children = -1;

    public static TimeSpan OfSelf() => Read(Self);

    /// <summary>Accumulated over every child that has exited and been waited for (e.g. an <c>adb push</c> run).</summary>
    public static TimeSpan OfFinishedChildren() => Read(Children);

    private static TimeSpan Read(int who)
    {
        if (GetResourceUsage(who, out var usage) != 0) throw new InvalidOperationException($"getrusage({who}) failed: errno {Marshal.GetLastPInvokeError()}");
        return TimeSpan.FromSeconds(usage.UserSeconds + usage.SystemSeconds) +
            TimeSpan.FromMicroseconds(usage.UserMicroseconds + usage.SystemMicroseconds);
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetResourceUsage(int who, out ResourceUsage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals, then fourteen longs this bench does not read.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
    }
}
