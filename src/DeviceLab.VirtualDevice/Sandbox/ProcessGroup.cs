using System.Runtime.InteropServices;

namespace DeviceLab.VirtualDevice.Sandbox;

/// <summary>
/// Signals a whole process group. Every shell command starts as the leader of its own group
/// (through <c>setsid</c>), so killing the group also ends the pipelines and background jobs it spawned.
/// </summary>
internal static partial class ProcessGroup
{
    private const int SigKill = 9;

    /// <summary>Sends SIGKILL to every process in the group led by <paramref name="leaderPid"/>.</summary>
    public static void Kill(int leaderPid)
    {
        if (leaderPid <= 1) throw new ArgumentOutOfRangeException(nameof(leaderPid), leaderPid, "not a process group of this device");
        // ESRCH (the group is already gone) is the expected outcome of a race with a normal exit.
        _ = SendSignal(-leaderPid, SigKill);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
