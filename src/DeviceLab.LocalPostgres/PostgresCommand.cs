using System.Diagnostics;

namespace DeviceLab.LocalPostgres;

/// <summary>
/// Runs a PostgreSQL program. PostgreSQL refuses to run as root, so when DeviceLab runs as root the program
/// runs as the <c>postgres</c> user through runuser (the Debian package creates that user).
/// </summary>
internal static class PostgresCommand
{
    public const string ServiceUser = "postgres";

    public static bool RunsAsServiceUser => Environment.IsPrivilegedProcess;

    /// <summary>Runs <paramref name="program"/> and returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string program, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = RunsAsServiceUser
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", ServiceUser, "--", program } }
            : new ProcessStartInfo(program);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return await RunProcessAsync(start, timeout, cancellationToken);
    }

    /// <summary>Runs a plain system program (chown, test) as the current user.</summary>
    public static Task<(int ExitCode, string Output)> RunSystemAsync(
        string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return RunProcessAsync(start, TimeSpan.FromSeconds(30), cancellationToken);
    }

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(
        ProcessStartInfo start, TimeSpan timeout, CancellationToken cancellationToken)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        // pg_ctl's daemon inherits these pipes unless told otherwise; it redirects its own output to the log file.
        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start)
            ?? throw new LocalPostgresException($"Could not start {start.FileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new LocalPostgresException(
                $"{string.Join(' ', start.ArgumentList.Prepend(start.FileName))} did not finish within {timeout.TotalSeconds:0} s.");
        }
        return (process.ExitCode, ((await stdout) + (await stderr)).Trim());
    }
}
