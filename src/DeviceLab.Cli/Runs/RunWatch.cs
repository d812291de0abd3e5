using System.Globalization;
using DeviceLab.Cli.Api;
using DeviceLab.Cli.Terminal;
using DeviceLab.Core.Runs;

namespace DeviceLab.Cli.Runs;

/// <summary>
/// Follows a run until it ends: the run's detail is read every <see cref="PollInterval"/> (and at once when the lab hub
/// says something moved), with a progress line per device job (measured repetitions done of total, status, attempt,
/// error). The hub only makes it quicker; without it (older server, proxy without WebSockets) polling alone is complete.
/// </summary>
internal sealed class RunWatch(ApiClient client, CommandTerminal terminal)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <returns>The run at the end, or as it was when <paramref name="timeout"/> ran out (not finished then).</returns>
    public Task<RunInfo> WaitAsync(long runId, TimeSpan timeout, CancellationToken cancellationToken) =>
        ProgressBoard.RunAsync(terminal, bytes: false, async board =>
        {
            await using var hub = await LabHubNudge.TryConnectAsync(client.Endpoint, runId, cancellationToken);
            var deadline = DateTimeOffset.UtcNow + timeout;
            var lines = new Dictionary<long, ProgressLine>();
            ProgressLine? overall = null;
            while (true)
            {
                var run = await client.GetRunAsync(runId, cancellationToken);
                overall ??= board.Add($"run {run.Id}", Math.Max(run.Tally.Total, 1));
                foreach (var job in run.Jobs ?? [])
                {
                    var latest = job.Attempts.LastOrDefault();
                    var total = Math.Max(latest?.RepetitionsTotal ?? 1, 1);
                    if (!lines.TryGetValue(job.Id, out var line)) lines[job.Id] = line = board.Add(Describe(job, latest), total);
                    if (job.Status is RunJobStatus.Succeeded or RunJobStatus.Failed or RunJobStatus.Cancelled) line.Finish(Describe(job, latest));
                    else line.Update(latest?.RepetitionsDone ?? 0, Describe(job, latest), total);
                }
                var done = run.Tally.Succeeded + run.Tally.Failed + run.Tally.Cancelled;
                if (run.IsFinished)
                {
                    overall.Finish($"run {run.Id}: {Word(run.Status)}");
                    return run;
                }
                overall.Update(done, $"run {run.Id}: {Word(run.Status)}, {done} of {run.Tally.Total} jobs done", Math.Max(run.Tally.Total, 1));
                if (DateTimeOffset.UtcNow >= deadline) return run;
                var wait = deadline - DateTimeOffset.UtcNow < PollInterval ? deadline - DateTimeOffset.UtcNow : PollInterval;
                await (hub?.NextAsync(wait, cancellationToken) ?? Task.Delay(wait, cancellationToken));
            }
        });

    /// <summary>"127.0.0.1:40123 (DeviceLab Virtual Device, virtual): running, 4/9 repetitions".</summary>
    internal static string Describe(RunJobInfo job, RunJobAttemptInfo? attempt)
    {
        var device = $"{job.DeviceSerial ?? $"device {job.DeviceId}"} ({job.DeviceModel ?? "unknown model"}{(job.DeviceIsVirtual ? ", virtual" : "")})";
        var state = Word(job.Status);
        if (attempt is { RepetitionsTotal: > 0 }) state += string.Create(CultureInfo.InvariantCulture, $", {attempt.RepetitionsDone}/{attempt.RepetitionsTotal} repetitions");
        if (job.Attempt > 1) state += $", attempt {job.Attempt}";
        if (job.ErrorMessage is { } error) state += $": {job.ErrorCode ?? "error"}: {error}";
        if (job.IsPartial) state += " (partial)";
        return $"{device}: {state}";
    }

    internal static string Word<T>(T status) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString()).Replace('_', ' ');
}
