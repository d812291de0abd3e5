namespace DeviceLab.Core.Runs;

/// <summary>State of a run (one execution of a suite, or an ad-hoc matrix) as a whole.</summary>
public enum RunStatus
{
    /// <summary>Created; its jobs are queued but none has started.</summary>
    Queued,
    Running,

    /// <summary>Every job succeeded.</summary>
    Succeeded,

    /// <summary>Finished with at least one failed job; results of the others are kept.</summary>
    Failed,

    /// <summary>Stopped by a user before it finished.</summary>
    Cancelled,
}
