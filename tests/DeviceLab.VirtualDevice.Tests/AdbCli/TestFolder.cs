namespace DeviceLab.VirtualDevice.Tests.AdbCli;

/// <summary>A scratch folder under the temp folder, deleted on dispose.</summary>
public sealed class TestFolder : IDisposable
{
    public TestFolder(string purpose)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "devicelab-vd-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

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
