using DeviceLab.Core.Runs;

namespace DeviceLab.Cli.Runs;

/// <summary>
/// Exit codes of the commands that wait for a run (<c>runs wait</c>, <c>suites run --wait</c>), by how it ended
/// (docs/decisions/0122): scripts branch on them without parsing text.
/// </summary>
public static class RunOutcome
{
    /// <summary>Every job succeeded.</summary>
    public const int Succeeded = 0;

    /// <summary>The run failed (at least one job failed; the others' results are kept). Also an invalid command line.</summary>
    public const int Failed = 1;

    /// <summary>Someone cancelled the run.</summary>
    public const int Cancelled = 3;

    /// <summary>The run had not finished when <c>--timeout</c> ran out (it goes on; wait again or cancel it).</summary>
    public const int TimedOut = 4;

    /// <summary>The server could not be asked: unreachable, API key refused, no such run.</summary>
    public const int ServerProblem = 5;

    public static int Of(RunStatus status) => status switch
    {
        RunStatus.Succeeded => Succeeded,
        RunStatus.Cancelled => Cancelled,
        RunStatus.Failed => Failed,
        _ => TimedOut,
    };

    public const string HelpText = "Exit codes: 0 run succeeded, 1 run failed (or invalid command line), 3 run cancelled, " +
                                   "4 not finished within --timeout (the run goes on), 5 server problem (unreachable, API key refused, no such run).";
}
