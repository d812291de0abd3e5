using DeviceLab.Adb;
using DeviceLab.Core.AgentProtocol;
using DeviceLab.Core.Runs;
using DeviceLab.Server.Leases;
using DeviceLab.Server.Runs.Execution.Device;
using DeviceLab.Server.Runs.Ingestion;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>
/// Names what happened to an attempt: from the agent's exit code and what it streamed, or from what stopped it.
/// The rule that matters: a stream that ended early is never a success (ADR 0041, 0061).
/// </summary>
public static class OutcomeClassifier
{
    /// <summary>The agent exited; did it deliver a result for every variant?</summary>
    public static AttemptOutcome FromExit(AgentExit exit, AttemptTally tally, AttemptPlan plan)
    {
        var reason = tally.FatalError is { } fatal ? $"{fatal.Code}: {fatal.Message}" : Tail(exit.StderrTail);
        switch (exit.ExitCode)
        {
            case AgentExitCodes.Success:
                var missing = plan.Variants.Where(v => !tally.VariantsWithResult.Contains(v.VariantId)).Select(v => v.Label).ToList();
                return missing.Count == 0
                    ? AttemptOutcome.Succeeded(exit.ExitCode)
                    : AttemptOutcome.Failed(RunJobErrorCodes.AgentCrashed, $"the agent exited 0 without a result for {string.Join(", ", missing)}", exit.ExitCode);
            case AgentExitCodes.BadInput:
                return AttemptOutcome.Failed(RunJobErrorCodes.BadInput, $"the agent refused its input: {reason}", exit.ExitCode);
            case AgentExitCodes.NotAdmitted:
                return AttemptOutcome.Failed(RunJobErrorCodes.NotAdmitted, $"the admission policy did not admit a repetition in time: {reason}", exit.ExitCode);
            case AgentExitCodes.InternalError:
                return AttemptOutcome.Failed(RunJobErrorCodes.AgentCrashed, $"the agent failed with an internal error: {reason}", exit.ExitCode);
            case > 128 and < 160:
                return AttemptOutcome.Failed(RunJobErrorCodes.AgentCrashed,
                    $"the agent was killed by signal {exit.ExitCode - 128}{SignalName(exit.ExitCode - 128)} after {tally.Events} events{(reason.Length > 0 ? $": {reason}" : "")}", exit.ExitCode);
            default:
                return AttemptOutcome.Failed(RunJobErrorCodes.AgentCrashed, $"the agent exited {exit.ExitCode}{(reason.Length > 0 ? $": {reason}" : "")}", exit.ExitCode);
        }
    }

    /// <summary>The attempt was stopped or failed with an exception; null means its lease is lost (it must write nothing).</summary>
    public static AttemptOutcome? FromException(Exception error, AttemptStop stop)
    {
        switch (stop.Reason)
        {
            case StopReason.Cancelled cancelled: return AttemptOutcome.Cancelled(cancelled.Message);
            case StopReason.LeaseLost: return null;
            case StopReason.Timeout timeout: return AttemptOutcome.Failed(RunJobErrorCodes.Timeout, $"{timeout.Phase}: {timeout.Message}");
        }
        if (stop.Shutdown.IsCancellationRequested) return AttemptOutcome.Interrupted("its lab host shut down while it ran; the job resumes with a new attempt");
        return error switch
        {
            LeaseLostException => null,
            MalformedAgentEventException malformed => AttemptOutcome.Failed(RunJobErrorCodes.MalformedEvents, malformed.Message),
            PhaseTimeoutException timeout => AttemptOutcome.Failed(RunJobErrorCodes.Timeout, $"{timeout.Phase}: {timeout.Message}"),
            PushFailedException push => AttemptOutcome.Failed(RunJobErrorCodes.PushFailed, push.Message),
            NoAgentBuildException noAgent => AttemptOutcome.Failed(RunJobErrorCodes.NoAgentBuild, noAgent.Message),
            VariantUnavailableException variant => AttemptOutcome.Failed(RunJobErrorCodes.VariantUnavailable, variant.Message),
            AdbException adb => AttemptOutcome.Failed(RunJobErrorCodes.DeviceLost, $"the device went away: {adb.Message}"),
            _ => AttemptOutcome.Failed(RunJobErrorCodes.Internal, $"{error.GetType().Name}: {error.Message}"),
        };
    }

    private static string Tail(string text) => text.Length <= 600 ? text : "…" + text[^600..];

    private static string SignalName(int signal) => signal switch
    {
        9 => " (SIGKILL)",
        15 => " (SIGTERM)",
        11 => " (SIGSEGV)",
        6 => " (SIGABRT)",
        2 => " (SIGINT)",
        _ => "",
    };
}
