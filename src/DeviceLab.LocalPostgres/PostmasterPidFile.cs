using System.Globalization;

namespace DeviceLab.LocalPostgres;

/// <summary>
/// The <c>postmaster.pid</c> file a running PostgreSQL server keeps in its cluster folder. Line 1 is the
/// server's process id, line 4 its port, line 5 its socket folder. After a crash the file stays behind
/// ("stale"): the process it names is gone, or the id now belongs to another program.
/// </summary>
internal sealed record PostmasterPidFile(int ProcessId, int Port, string SocketDirectory)
{
    public const string FileName = "postmaster.pid";

    public static PostmasterPidFile? Read(string clusterDirectory)
    {
        var path = Path.Combine(clusterDirectory, FileName);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        var processId = lines.Length > 0 && int.TryParse(lines[0].Trim(), CultureInfo.InvariantCulture, out var p) ? p : 0;
        var port = lines.Length > 3 && int.TryParse(lines[3].Trim(), CultureInfo.InvariantCulture, out var q) ? q : 0;
        var socket = lines.Length > 4 ? lines[4].Trim() : "";
        return new PostmasterPidFile(processId, port, socket);
    }

    /// <summary>True when a PostgreSQL server process with that id runs now. A bare id check is not enough:
    /// after a reboot the id may belong to any program, so the process name must be postgres too; and a server
    /// that has exited but was not yet reaped by its (re)parent is a zombie, not a server.</summary>
    public bool ServerIsAlive()
    {
        if (ProcessId <= 0) return false;
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{ProcessId}/stat"); // "1234 (postgres) S 1 …"
        }
        catch (IOException)
        {
            return false;
        }
        var nameEnd = stat.LastIndexOf(')');
        if (nameEnd < 0 || nameEnd + 2 >= stat.Length) return false;
        var name = stat[(stat.IndexOf('(') + 1)..nameEnd];
        var state = stat[nameEnd + 2];
        return name is "postgres" or "postmaster" && state is not ('Z' or 'X');
    }

    public static void Delete(string clusterDirectory) => File.Delete(Path.Combine(clusterDirectory, FileName));
}
