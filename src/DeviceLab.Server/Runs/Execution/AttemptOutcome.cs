using DeviceLab.Core.Runs;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>How an attempt ended: its status and, unless it succeeded, a cause from <see cref="RunJobErrorCodes"/>.</summary>
public sealed record AttemptOutcome(RunJobAttemptStatus Status, string? ErrorCode, string? ErrorMessage, int? AgentExitCode = null)
{
    public static AttemptOutcome Succeeded(int exitCode) => new(RunJobAttemptStatus.Succeeded, null, null, exitCode);

    public static AttemptOutcome Failed(string code, string message, int? exitCode = null) => new(RunJobAttemptStatus.Failed, code, Limit(message), exitCode);

    public static AttemptOutcome Cancelled(string message) => new(RunJobAttemptStatus.Cancelled, RunJobErrorCodes.Cancelled, Limit(message));

    public static AttemptOutcome Interrupted(string message) => new(RunJobAttemptStatus.Interrupted, RunJobErrorCodes.Interrupted, Limit(message));

    public override string ToString() => ErrorCode is null ? Status.ToString() : $"{Status} ({ErrorCode}: {ErrorMessage})";

    private static string Limit(string message) => message.Length <= 4000 ? message : message[..3997] + "...";
}

/// <summary>What must happen once the transaction that ended an attempt has committed.</summary>
/// <param name="RunId">The run.</param>
/// <param name="RunEnded">The run reached its end: its observers are to be called.</param>
/// <param name="Retry">A new attempt to queue on its device's lab host.</param>
public sealed record CompletionEffects(long RunId, bool RunEnded, (long RunJobId, int Attempt, long DeviceId)? Retry = null);
