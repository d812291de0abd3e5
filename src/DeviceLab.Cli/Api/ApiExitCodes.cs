namespace DeviceLab.Cli.Api;

/// <summary>Exit codes every server command shares (a command adds its own answers, e.g. the gate's "failed").</summary>
public static class ApiExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command line is not valid (System.CommandLine's own code for parse errors).</summary>
    public const int InvalidCommandLine = 1;

    /// <summary>The server could not be asked: unreachable, API key refused (401/403), not found (404), server error.</summary>
    public const int ServerProblem = 4;
}
