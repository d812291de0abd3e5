namespace DeviceLab.Core.Runs;

/// <summary>State of one attempt of a run job.</summary>
public enum RunJobAttemptStatus
{
    /// <summary>Created; waiting for its Hangfire worker or for the device's lease.</summary>
    Queued,

    /// <summary>Holds the lease: preparing the device or benchmarking.</summary>
    Running,
    Succeeded,

    /// <summary>Ended with an error (its code says why); what it measured is kept and flagged partial.</summary>
    Failed,

    /// <summary>Its lab host stopped (server restart) or lost its lease mid-run; a new attempt carries on.</summary>
    Interrupted,
    Cancelled,
}
