namespace DeviceLab.Core.Runs;

/// <summary>State of one run job: one device running one set of variants.</summary>
public enum RunJobStatus
{
    /// <summary>In its lab host's Hangfire queue.</summary>
    Queued,

    /// <summary>Started, waiting for the device's lease (another job holds the device).</summary>
    WaitingForDevice,

    /// <summary>Holds the lease: preparing the device or benchmarking.</summary>
    Running,
    Succeeded,

    /// <summary>Failed; the job's error code and message say why (e.g. <c>device_lost</c>).</summary>
    Failed,
    Cancelled,
}
