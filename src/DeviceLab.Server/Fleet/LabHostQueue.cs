using System.Text;

namespace DeviceLab.Server.Fleet;

/// <summary>
/// The Hangfire queue of a lab host. Hangfire queue names allow only lower-case letters, digits, '_' and '-',
/// so a host name like <c>Lab-Host.01</c> becomes <c>lab-host_01</c>.
/// </summary>
public static class LabHostQueue
{
    /// <summary>The queue every node processes (work that is not tied to a device).</summary>
    public const string Default = "default";

    public static string For(string labHostName)
    {
        var name = new StringBuilder(labHostName.Length);
        foreach (var c in labHostName.ToLowerInvariant())
            name.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' ? c : '_');
        // A host named "default" must not share the default queue.
        return name.ToString() is Default or "" ? $"host_{name}" : name.ToString();
    }
}
