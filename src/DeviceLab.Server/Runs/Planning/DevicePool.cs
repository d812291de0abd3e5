using DeviceLab.Core.Suites;
using DeviceLab.Server.Data;
using DeviceLab.Server.Fleet;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Runs.Planning;

/// <summary>
/// The devices a selector names: every device carrying all its tags and, when it names device models, one of those
/// models. An empty selector, or one that names nothing known, is an error that says what exists — a typo must not
/// silently run on no device (or on every device).
/// </summary>
public sealed class DevicePool(DeviceLabDbContext db)
{
    /// <summary>The selected devices that can take a job now (connected, not quarantined).</summary>
    /// <exception cref="RunRequestException">The selector is empty, matches no device, or matches only devices that cannot run.</exception>
    public async Task<IReadOnlyList<Device>> SelectAsync(DeviceSelector selector, CancellationToken cancellationToken)
    {
        if (Problems(selector) is { Count: > 0 } problems)
            throw new RunRequestException(new Dictionary<string, string[]> { ["device_selector"] = [.. problems] });
        var matched = await MatchingAsync(selector).Include(d => d.LabHost).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        if (matched.Count == 0) throw RunRequestException.For("device_selector", await NoMatchMessageAsync(selector, cancellationToken));
        var usable = matched.Where(d => d.IsConnected && d.QuarantinedAt is null).ToList();
        if (usable.Count == 0)
        {
            var why = matched.Select(d => $"{d.Serial} ({(d.QuarantinedAt is not null ? "quarantined" : "offline")}{(d.StateReason is null ? "" : $": {d.StateReason}")})");
            throw RunRequestException.For("device_selector", $"{Describe(selector)} matches {matched.Count} device(s), but none can run now: {string.Join(", ", why)}");
        }
        return usable;
    }

    /// <summary>Devices of the selector (any state), as a query.</summary>
    public IQueryable<Device> MatchingAsync(DeviceSelector selector)
    {
        var tags = selector.Tags.ToArray();
        var models = selector.DeviceModels.ToArray();
        return db.Devices.FromSqlInterpolated($"SELECT * FROM devices WHERE tags @> {tags} AND (cardinality({models}) = 0 OR model = ANY({models}))");
    }

    /// <summary>What is wrong with a selector before looking at the fleet.</summary>
    public static List<string> Problems(DeviceSelector? selector)
    {
        if (selector is null) return ["is required: give tags and/or device models"];
        var problems = new List<string>();
        if ((selector.Tags?.Count ?? 0) == 0 && (selector.DeviceModels?.Count ?? 0) == 0)
            problems.Add("is empty: give at least one tag (e.g. 'android-14') or device model (e.g. 'Pixel 7')");
        foreach (var tag in selector.Tags ?? [])
        {
            if (string.IsNullOrWhiteSpace(tag)) problems.Add("has an empty tag");
        }
        foreach (var model in selector.DeviceModels ?? [])
        {
            if (string.IsNullOrWhiteSpace(model)) problems.Add("has an empty device model");
        }
        return problems;
    }

    private async Task<string> NoMatchMessageAsync(DeviceSelector selector, CancellationToken cancellationToken)
    {
        var knownTags = await db.Devices.SelectMany(d => d.Tags).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        var knownModels = await db.Devices.Where(d => d.Model != null).Select(d => d.Model!).Distinct().OrderBy(m => m).ToListAsync(cancellationToken);
        var unknownTags = selector.Tags.Where(t => !knownTags.Contains(t)).ToList();
        var unknownModels = selector.DeviceModels.Where(m => !knownModels.Contains(m)).ToList();
        var unknown = new List<string>();
        if (unknownTags.Count > 0) unknown.Add($"no device has tag(s) {Quote(unknownTags)} (known tags: {(knownTags.Count == 0 ? "none" : Quote(knownTags))})");
        if (unknownModels.Count > 0) unknown.Add($"no device is a {Quote(unknownModels)} (known models: {(knownModels.Count == 0 ? "none" : Quote(knownModels))})");
        return unknown.Count > 0
            ? $"{Describe(selector)} matches no device: {string.Join("; ", unknown)}"
            : $"{Describe(selector)} matches no device: no single device has all of these tags and models";
    }

    internal static string Describe(DeviceSelector selector)
    {
        var parts = new List<string>();
        if (selector.Tags.Count > 0) parts.Add($"tags {Quote(selector.Tags)}");
        if (selector.DeviceModels.Count > 0) parts.Add($"models {Quote(selector.DeviceModels)}");
        return $"the device selector ({string.Join(", ", parts)})";
    }

    private static string Quote(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));
}
