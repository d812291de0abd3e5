using DeviceLab.Agent.Telemetry;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Admission;

/// <summary>
/// Before each measured repetition: polls the device's state until the admission policy is met or its wait limit
/// runs out, then says whether to run and records what was waited for, how long and whether the run was forced.
/// Time comes from a <see cref="TimeProvider"/> so tests cool a prepared tree without sleeping.
/// </summary>
public sealed class AdmissionGate(AdmissionSettings policy, Func<TelemetrySnapshot> readDevice, TimeProvider time)
{
    /// <summary>Waits for admission; the returned record has no sequence number or time yet (the caller emits it).</summary>
    public async Task<AdmissionEvent> WaitAsync(string variant, int repetition, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var timeout = TimeSpan.FromMilliseconds(policy.TimeoutMs);
        var poll = TimeSpan.FromMilliseconds(Math.Max(1, policy.PollIntervalMs));
        IReadOnlyList<string>? waitedFor = null;
        for (var polls = 1; ; polls++)
        {
            var check = AdmissionCheck.Evaluate(policy, readDevice());
            waitedFor ??= check.Unmet;
            var waited = time.GetElapsedTime(started);
            if (check.Unmet.Count == 0) return Record(admitted: true, forced: false);
            if (waited >= timeout)
            {
                var force = policy.OnTimeout == AdmissionTimeoutActions.Force;
                return Record(admitted: force, forced: force);
            }
            var remaining = timeout - waited;
            await Task.Delay(remaining < poll ? remaining : poll, time, cancellationToken).ConfigureAwait(false);

            AdmissionEvent Record(bool admitted, bool forced) => new()
            {
                Variant = variant, Repetition = repetition, Admitted = admitted, Forced = forced,
                WaitedMs = waited.TotalMilliseconds, Polls = polls, WaitedFor = waitedFor, Unmet = check.Unmet,
                Unchecked = check.Unchecked, Conditions = check.Conditions,
            };
        }
    }
}
