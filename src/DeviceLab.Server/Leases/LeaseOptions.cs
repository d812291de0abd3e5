using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Leases;

/// <summary>Device lease timing (<c>DeviceLab:Leases</c>). Lease times are taken from the database's clock, so nodes with skewed clocks agree.</summary>
public sealed class LeaseOptions
{
    public const string Section = "DeviceLab:Leases";

    /// <summary>A lease not renewed for this long expires and may be reclaimed.</summary>
    public int DurationSeconds { get; set; } = 30;

    /// <summary>How often the holder renews its lease (and checks for cancellation).</summary>
    public int HeartbeatSeconds { get; set; } = 5;

    /// <summary>How often each node looks for expired leases and jobs left without a worker.</summary>
    public int ReclaimIntervalSeconds { get; set; } = 5;

    /// <summary>A job whose device is busy waits in its worker this long for the lease, then gives the worker back
    /// and is rescheduled (docs/decisions/0081).</summary>
    public int WaitSeconds { get; set; } = 20;

    /// <summary>Delay before a rescheduled job tries the lease again.</summary>
    public int RescheduleSeconds { get; set; } = 2;

    public TimeSpan Duration => TimeSpan.FromSeconds(DurationSeconds);
    public TimeSpan Heartbeat => TimeSpan.FromSeconds(HeartbeatSeconds);
}

internal sealed class LeaseOptionsValidation : IValidateOptions<LeaseOptions>
{
    public ValidateOptionsResult Validate(string? name, LeaseOptions options)
    {
        var failures = new List<string>();
        if (options.DurationSeconds < 2) failures.Add($"{LeaseOptions.Section}:DurationSeconds is {options.DurationSeconds}: use at least 2.");
        if (options.HeartbeatSeconds < 1 || options.HeartbeatSeconds * 2 > options.DurationSeconds)
            failures.Add($"{LeaseOptions.Section}:HeartbeatSeconds is {options.HeartbeatSeconds}: use 1 up to half of DurationSeconds ({options.DurationSeconds}), so one late beat does not lose the lease.");
        if (options.ReclaimIntervalSeconds < 1) failures.Add($"{LeaseOptions.Section}:ReclaimIntervalSeconds is {options.ReclaimIntervalSeconds}: use at least 1.");
        if (options.WaitSeconds < 0) failures.Add($"{LeaseOptions.Section}:WaitSeconds is {options.WaitSeconds}: use 0 or more.");
        if (options.RescheduleSeconds < 1) failures.Add($"{LeaseOptions.Section}:RescheduleSeconds is {options.RescheduleSeconds}: use at least 1.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
