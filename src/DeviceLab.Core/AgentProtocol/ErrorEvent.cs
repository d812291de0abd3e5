namespace DeviceLab.Core.AgentProtocol;

/// <summary>
/// Something went wrong. <see cref="Fatal"/> errors end the run (the exit code follows); non-fatal ones are
/// warnings (an unreadable telemetry file) and the run goes on.
/// </summary>
public sealed record ErrorEvent() : AgentEvent("error")
{
    /// <summary>A stable code from <see cref="AgentErrorCodes"/>.</summary>
    public required string Code { get; init; }
    public required string Message { get; init; }
    public required bool Fatal { get; init; }

    /// <summary>The variant concerned, if any.</summary>
    public string? Variant { get; init; }

    public override AgentEventProblem? Validate() => base.Validate()
        ?? (string.IsNullOrWhiteSpace(Code) ? new AgentEventProblem("code", "is required")
        : string.IsNullOrWhiteSpace(Message) ? new AgentEventProblem("message", "is required")
        : null);
}

/// <summary>Error codes of <see cref="ErrorEvent"/>; stable across versions so the server can act on them.</summary>
public static class AgentErrorCodes
{
    public const string BadArguments = "bad_arguments";
    public const string VariantMissing = "variant_missing";
    public const string VariantUnreadable = "variant_unreadable";
    public const string Sha256Mismatch = "sha256_mismatch";
    public const string VariantInvalid = "variant_invalid";
    public const string EvaluationInputInvalid = "evaluation_input_invalid";
    public const string NotAdmitted = "not_admitted";
    public const string TelemetryUnavailable = "telemetry_unavailable";
    public const string DownloadFailed = "download_failed";
    public const string Cancelled = "cancelled";
    public const string Internal = "internal";
}

/// <summary>Process exit codes of <c>devicelab-agent</c>.</summary>
public static class AgentExitCodes
{
    /// <summary>Every repetition ran and every result was written.</summary>
    public const int Success = 0;
    /// <summary>A bug or an environment failure the agent could not attribute to its input.</summary>
    public const int InternalError = 1;
    /// <summary>Bad arguments or variant files (missing, corrupt, sha256 mismatch).</summary>
    public const int BadInput = 2;
    /// <summary>The admission policy refused to run a repetition within its wait limit.</summary>
    public const int NotAdmitted = 3;
    /// <summary>Stopped by SIGINT / SIGTERM or the server; events written so far stand.</summary>
    public const int Cancelled = 130;
}
