namespace DeviceLab.Testing;

/// <summary>A fresh folder under the system temp folder (<c>/tmp/devicelab-tests/…</c>), deleted on dispose.
/// It sits outside /root so that the postgres user can reach clusters created in it.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public static string Root { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "devicelab-tests");

    public TemporaryFolder(string purpose = "tmp")
    {
        // Short names: a cluster's Unix socket path inside it must stay under 107 bytes.
        Path = System.IO.Path.Combine(Root, $"{purpose}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
