using System.Diagnostics;
using DeviceLab.Cli.Api;
using DeviceLab.Cli.Runs;

namespace DeviceLab.Cli.Demo;

/// <summary>
/// Measures how long after the demo started the first result of a run was stored (what a new user waits for before the
/// dashboard shows a number): the run's results are read every half second until there is one.
/// </summary>
internal sealed class FirstResultClock(ApiClient client, Stopwatch sinceStart)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>Time from the demo's start to the first stored result; null until there is one.</summary>
    public TimeSpan? Elapsed { get; private set; }

    /// <summary>Watches <paramref name="runId"/> until a result appears or <paramref name="cancellationToken"/> ends the watch.</summary>
    public async Task WatchAsync(long runId, CancellationToken cancellationToken)
    {
        try
        {
            while (Elapsed is null)
            {
                if ((await client.ListResultsAsync(runId, cancellationToken)).Count > 0) Elapsed = sinceStart.Elapsed;
                else await Task.Delay(Interval, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ApiException)
        {
            // The run ended (or the demo stops): whatever was seen stands.
        }
    }

    /// <summary>
    /// After the run ended: a run shorter than one polling interval stores its results between two polls, so look once
    /// more; the time is then an upper bound (the results were there by now).
    /// </summary>
    public async Task SettleAsync(long runId, CancellationToken cancellationToken)
    {
        if (Elapsed is null && (await client.ListResultsAsync(runId, cancellationToken)).Count > 0) Elapsed = sinceStart.Elapsed;
    }
}
