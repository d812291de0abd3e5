namespace DeviceLab.LocalPostgres;

/// <summary>The folder that holds a PostgreSQL server installation's initdb, pg_ctl and postgres.</summary>
/// <param name="Directory">Folder with the three programs (symbolic links resolved).</param>
public sealed record PostgresBinaries(string Directory)
{
    private static readonly string[] RequiredPrograms = ["initdb", "pg_ctl", "postgres"];

    public string InitDb => Path.Combine(Directory, "initdb");
    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    /// <summary>Debian's layout: one folder per major version.</summary>
    public const string DebianVersionsRoot = "/usr/lib/postgresql";

    /// <summary>The folders searched when none are given: PATH first, then Debian's versions, newest first.</summary>
    public static IReadOnlyList<string> DefaultSearchPath()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var debian = System.IO.Directory.Exists(DebianVersionsRoot)
            ? new DirectoryInfo(DebianVersionsRoot).GetDirectories()
                .Select(d => (Version: int.TryParse(d.Name.Split('.')[0], out var v) ? v : -1, Bin: Path.Combine(d.FullName, "bin")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Bin)
            : [];
        return [.. path, .. debian];
    }

    /// <summary>Finds the first folder of <paramref name="searchPath"/> (default <see cref="DefaultSearchPath"/>)
    /// that has all three server programs.</summary>
    /// <exception cref="LocalPostgresException">No folder has them; the message says what to install.</exception>
    public static PostgresBinaries Find(IReadOnlyList<string>? searchPath = null)
    {
        searchPath ??= DefaultSearchPath();
        foreach (var folder in searchPath)
        {
            var initDb = new FileInfo(Path.Combine(folder, "initdb"));
            if (!initDb.Exists) continue;
            // /usr/local/bin/initdb may be a link into /usr/lib/postgresql/N/bin: pg_ctl and postgres sit beside the target.
            var real = initDb.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? initDb;
            var directory = real.DirectoryName!;
            if (RequiredPrograms.All(p => File.Exists(Path.Combine(directory, p)))) return new PostgresBinaries(directory);
        }
        throw new LocalPostgresException(
            "PostgreSQL server programs (initdb, pg_ctl, postgres) were not found on PATH or in /usr/lib/postgresql/*/bin " +
            $"(searched: {string.Join(", ", searchPath.DefaultIfEmpty("nothing"))}). DeviceLab starts its own private PostgreSQL from them " +
            "when no connection string is configured. Install them with `apt-get install postgresql`, " +
            "or set ConnectionStrings:DeviceLab to an existing PostgreSQL server.");
    }
}
