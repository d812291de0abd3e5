namespace DeviceLab.Core.Runs;

/// <summary>
/// Why a run job attempt failed (<c>run_jobs.error_code</c>, <c>run_job_attempts.error_code</c>). Stable words: CI and
/// dashboards act on them. <see cref="IsRetryable"/> says which ones a retry on a device of the same pool may fix.
/// </summary>
public static class RunJobErrorCodes
{
    /// <summary>The device went away mid-attempt (cable pulled, adb lost it, device process killed).</summary>
    public const string DeviceLost = "device_lost";

    /// <summary>The device was not reachable when the attempt wanted to start.</summary>
    public const string DeviceOffline = "device_offline";

    /// <summary>The agent died or exited without its results (killed, crashed, internal error).</summary>
    public const string AgentCrashed = "agent_crashed";

    /// <summary>The agent refused its input (exit 2): a bad variant file, bad parameters.</summary>
    public const string BadInput = "bad_input";

    /// <summary>The admission policy refused to run within its wait limit (exit 3).</summary>
    public const string NotAdmitted = "not_admitted";

    /// <summary>A phase (push, admission, benchmark) took longer than its limit.</summary>
    public const string Timeout = "timeout";

    /// <summary>The agent wrote a line that is not a valid event; the error names the line and field.</summary>
    public const string MalformedEvents = "malformed_events";

    /// <summary>The attempt's device lease expired and was taken over; nothing more of it was stored.</summary>
    public const string LeaseLost = "lease_lost";

    /// <summary>The lab host stopped mid-attempt (server restart); the job resumes with a new attempt.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>A user cancelled the run.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>No agent build exists for the device's ABI.</summary>
    public const string NoAgentBuild = "no_agent_build";

    /// <summary>A variant of the run has no file (not built, or missing from the artifact store).</summary>
    public const string VariantUnavailable = "variant_unavailable";

    /// <summary>Pushing a file to the device failed for a reason other than the device going away.</summary>
    public const string PushFailed = "push_failed";

    /// <summary>A bug in DeviceLab; the message has the details.</summary>
    public const string Internal = "internal";

    /// <summary>Failures a new attempt (on another device of the pool, if there is one) may not repeat.</summary>
    public static bool IsRetryable(string? code) =>
        code is DeviceLost or DeviceOffline or AgentCrashed or Timeout or LeaseLost or PushFailed;
}
