namespace DeviceLab.Testing;

/// <summary>Locations tests need: the repository root and a per-run scratch folder.</summary>
public static class TestPaths
{
    /// <summary>The repository root (the folder that holds DeviceLab.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DeviceLab.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"DeviceLab.slnx not found above {AppContext.BaseDirectory}");
    }
}
