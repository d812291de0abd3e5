namespace DeviceLab.Server.Runs.Execution;

/// <summary>What a Hangfire delivery of (run job, attempt) should do.</summary>
public abstract record AttemptDecision
{
    private AttemptDecision() { }

    /// <summary>Nothing: the job ended, moved on to a newer attempt, or was cancelled.</summary>
    public sealed record Skip(string Reason) : AttemptDecision;

    /// <summary>Run this attempt (it may be a new one created for a resumption).</summary>
    public sealed record Run(long RunJobId, int Attempt) : AttemptDecision;

    /// <summary>Another execution may still hold the attempt's lease: try again after the delay.</summary>
    public sealed record Later(TimeSpan Delay, string Reason) : AttemptDecision;
}
