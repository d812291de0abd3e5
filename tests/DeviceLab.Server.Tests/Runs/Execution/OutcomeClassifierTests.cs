using System.Text.Json.Nodes;
using DeviceLab.Core.AgentProtocol;
using DeviceLab.Core.Runs;
using DeviceLab.Server.Runs.Execution;
using DeviceLab.Server.Runs.Execution.Device;
using DeviceLab.Server.Runs.Ingestion;

namespace DeviceLab.Server.Tests.Runs.Execution;

/// <summary>How an agent's exit becomes an attempt's outcome (ADR 0083): an early end is never a success.</summary>
public sealed class OutcomeClassifierTests
{
    private static readonly AttemptPlan Plan = new(1, 2, 1, 3, Core.Devices.DeviceTransport.Adb, "serial", "host", "x86_64", true, DateTimeOffset.UnixEpoch,
        [new PlannedVariant(10, "v10-q4_0", Core.Models.QuantType.Q4_0, new string('a', 64), 1)], Core.Suites.SuiteParameters.Default,
        new Core.Suites.DeviceSelector(["x"], []), new PhaseLimits(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)));

    [Theory]
    [InlineData(0, RunJobErrorCodes.AgentCrashed, "without a result for v10-q4_0")]
    [InlineData(1, RunJobErrorCodes.AgentCrashed, "internal error")]
    [InlineData(2, RunJobErrorCodes.BadInput, "refused its input")]
    [InlineData(3, RunJobErrorCodes.NotAdmitted, "admission")]
    [InlineData(137, RunJobErrorCodes.AgentCrashed, "signal 9 (SIGKILL)")]
    [InlineData(143, RunJobErrorCodes.AgentCrashed, "signal 15 (SIGTERM)")]
    [InlineData(42, RunJobErrorCodes.AgentCrashed, "exited 42")]
    public void An_exit_without_every_result_is_a_failure_naming_why(int exitCode, string code, string message)
    {
        var outcome = OutcomeClassifier.FromExit(new AgentExit(exitCode, "stderr tail"), new AttemptTally(), Plan);
        Assert.Equal(RunJobAttemptStatus.Failed, outcome.Status);
        Assert.Equal(code, outcome.ErrorCode);
        Assert.Contains(message, outcome.ErrorMessage);
        Assert.Equal(exitCode, outcome.AgentExitCode);
    }

    [Fact]
    public void Stops_name_their_reason_first()
    {
        using var stop = new AttemptStop(CancellationToken.None);
        stop.Stop(new StopReason.Timeout("admission", "no repetition started for 61 s"));
        var outcome = OutcomeClassifier.FromException(new OperationCanceledException(), stop)!;
        Assert.Equal(RunJobErrorCodes.Timeout, outcome.ErrorCode);
        Assert.Equal("admission: no repetition started for 61 s", outcome.ErrorMessage);
    }

    [Fact]
    public void A_lost_device_a_lost_lease_and_a_shutdown_are_told_apart()
    {
        using var running = new AttemptStop(CancellationToken.None);
        Assert.Equal(RunJobErrorCodes.DeviceLost, OutcomeClassifier.FromException(new DeviceLostException("gone"), running)!.ErrorCode);
        Assert.Null(OutcomeClassifier.FromException(new DeviceLab.Server.Leases.LeaseLostException(new DeviceLab.Server.Leases.LeaseHandle(1, 2, 3, 4, 1), "x"), running));
        using var shuttingDown = new AttemptStop(new CancellationToken(canceled: true));
        Assert.Equal(RunJobAttemptStatus.Interrupted, OutcomeClassifier.FromException(new OperationCanceledException(), shuttingDown)!.Status);
    }
}
