using DeviceLab.Core.Suites;

namespace DeviceLab.Server.Suites;

/// <summary>A suite as the API shows it; <see cref="NextRunAt"/> is when its schedule fires next (UTC), null without one.</summary>
public sealed record SuiteView(
    long Id, string Name, IReadOnlyList<long> VariantIds, DeviceSelector DeviceSelector, SuiteParameters Parameters,
    string? Cron, bool Enabled, DateTimeOffset? NextRunAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static SuiteView Of(Suite s, DateTimeOffset now) => new(s.Id, s.Name, s.VariantIds, s.DeviceSelector, s.Parameters, s.Cron, s.Enabled,
        s.Enabled ? SuiteSchedule.Next(s.Cron, now) : null, s.CreatedAt, s.UpdatedAt);
}

/// <summary>A suite to create or replace. Parameters default to <see cref="SuiteParameters.Default"/>; a null cron means on demand only.</summary>
public sealed record SuiteInput(string? Name, long[]? VariantIds, DeviceSelector? DeviceSelector, SuiteParameters? Parameters, string? Cron, bool? Enabled);
