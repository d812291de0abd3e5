namespace DeviceLab.LocalPostgres;

/// <summary>
/// An exclusive lock on a data folder, held while a <see cref="LocalPostgresCluster"/> uses it. The lock is an
/// open file with no sharing (an flock on Linux), so the kernel drops it when its process dies: a data folder
/// whose lock can be taken has no live owner, even if its PostgreSQL server still runs.
/// </summary>
internal sealed class ClusterLock : IDisposable
{
    private readonly FileStream _file;

    private ClusterLock(FileStream file) => _file = file;

    /// <summary>Takes the lock, or returns null when another process (or another cluster object) holds it.</summary>
    public static ClusterLock? TryTake(string dataDirectory)
    {
        try
        {
            var file = new FileStream(Path.Combine(dataDirectory, LocalPostgresOptions.LockFileName),
                FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            // The holder's id goes into a separate file: the locked one cannot be read by others.
            File.WriteAllText(OwnerFile(dataDirectory), $"{Environment.ProcessId}\n");
            return new ClusterLock(file);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The process id the current holder wrote, for error messages.</summary>
    public static string? ReadOwner(string dataDirectory)
    {
        try
        {
            return File.ReadAllText(OwnerFile(dataDirectory)).Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string OwnerFile(string dataDirectory) => Path.Combine(dataDirectory, LocalPostgresOptions.LockFileName + ".owner");

    public void Dispose() => _file.Dispose();
}
