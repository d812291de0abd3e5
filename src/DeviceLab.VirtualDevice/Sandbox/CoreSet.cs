using System.Globalization;

namespace DeviceLab.VirtualDevice;

/// <summary>
/// The CPU cores a virtual device's commands may run on, written as a Linux CPU list
/// (<c>0</c>, <c>1</c>, <c>0-1</c>, <c>0,2-3</c>). Two devices on one machine get disjoint sets so
/// they do not compete for a core.
/// </summary>
public sealed class CoreSet
{
    private CoreSet(IReadOnlyList<int> cores) => Cores = cores;

    /// <summary>Core numbers, ascending, without duplicates.</summary>
    public IReadOnlyList<int> Cores { get; }

    public int Count => Cores.Count;

    /// <summary>Parses a CPU list; throws <see cref="FormatException"/> naming the bad part.</summary>
    public static CoreSet Parse(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var cores = new SortedSet<int>();
        foreach (var rawPart in list.Split(','))
        {
            var part = rawPart.Trim();
            if (part.Length == 0) throw new FormatException($"core list '{list}' has an empty entry");
            var dash = part.IndexOf('-');
            var first = ParseCore(dash < 0 ? part : part[..dash], list);
            var last = dash < 0 ? first : ParseCore(part[(dash + 1)..], list);
            if (last < first) throw new FormatException($"core range '{part}' in '{list}' runs backwards");
            for (var core = first; core <= last; core++) cores.Add(core);
        }
        return new CoreSet([.. cores]);
    }

    public static CoreSet Of(params int[] cores) => Parse(string.Join(',', cores));

    /// <summary>Throws when a core does not exist on this machine.</summary>
    public void EnsureExists(int processorCount)
    {
        var missing = Cores.Where(c => c >= processorCount).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException($"core {string.Join(", ", missing)} does not exist: this machine has cores 0-{processorCount - 1}");
    }

    /// <summary>The canonical list form, ranges collapsed: <c>0-2,5</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        for (var i = 0; i < Cores.Count;)
        {
            var j = i;
            while (j + 1 < Cores.Count && Cores[j + 1] == Cores[j] + 1) j++;
            parts.Add(i == j ? Cores[i].ToString(CultureInfo.InvariantCulture) : $"{Cores[i]}-{Cores[j]}");
            i = j + 1;
        }
        return string.Join(',', parts);
    }

    private static int ParseCore(string text, string list)
    {
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var core) || core > 4095)
            throw new FormatException($"'{text}' in core list '{list}' is not a core number");
        return core;
    }
}
