using System.Collections.Concurrent;
using System.Threading.Channels;
using DeviceLab.Adb;

namespace DeviceLab.Server.Fleet.Discovery;

/// <summary>
/// What this lab host currently knows of its adb server's devices: the latest track-devices list, and which devices
/// were described and answer probes. The tracker writes the list; the prober checks devices when they change and
/// on its interval.
/// </summary>
public sealed class AdbDeviceView
{
    private readonly ConcurrentDictionary<string, AdbDeviceEntry> _listed = new(StringComparer.Ordinal);
    private readonly Channel<string> _changed = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Devices the adb server lists, by serial.</summary>
    public IReadOnlyDictionary<string, AdbDeviceEntry> Listed => _listed;

    /// <summary>Serials whose listing changed (new, other state, new transport): the prober looks at them at once.</summary>
    public ChannelReader<string> Changed => _changed.Reader;

    /// <summary>Replaces the list; returns the serials that disappeared.</summary>
    public IReadOnlyList<string> Update(IReadOnlyList<AdbDeviceEntry> entries)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            seen.Add(entry.Serial);
            if (_listed.TryGetValue(entry.Serial, out var before) && before.State == entry.State && before.TransportId == entry.TransportId) continue;
            _listed[entry.Serial] = entry;
            _changed.Writer.TryWrite(entry.Serial);
        }
        var gone = _listed.Keys.Where(serial => !seen.Contains(serial)).ToList();
        foreach (var serial in gone) _listed.TryRemove(serial, out _);
        return gone;
    }

    /// <summary>The adb server went away: nothing is listed.</summary>
    public void Clear() => _listed.Clear();
}
