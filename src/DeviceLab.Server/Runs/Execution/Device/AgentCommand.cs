using System.Globalization;
using DeviceLab.Adb.Shell;
using DeviceLab.Core.Suites;

namespace DeviceLab.Server.Runs.Execution.Device;

/// <summary>
/// The <c>devicelab-agent bench</c> command line of an attempt, as an argument list (every argument is quoted for
/// the device's shell). A fixed <c>sh -c</c> script first writes the agent's pid to the attempt's folder and then
/// <c>exec</c>s the agent, so the pid is the agent's own: cancellation on a phone kills exactly that process.
/// </summary>
public static class AgentCommand
{
    /// <summary>Polls of the admission check between readings, ms.</summary>
    public const int AdmissionPollMs = 500;

    private const string Launcher = "mkdir -p \"$(dirname \"$1\")\" && echo $$ > \"$1\" && shift && exec \"$@\"";

    public static ShellCommand Build(AgentInvocation invocation)
    {
        var arguments = new List<string> { "sh", "-c", Launcher, "sh", invocation.PidFile, invocation.AgentPath, "bench" };
        foreach (var variant in invocation.Variants)
        {
            arguments.AddRange(["--model", variant.RemotePath, "--sha256", variant.Sha256, "--label", variant.Label]);
        }
        var p = invocation.Parameters;
        Add(arguments, "--prompt", p.PromptTokens);
        Add(arguments, "--gen", p.GeneratedTokens);
        Add(arguments, "--reps", p.Repetitions);
        Add(arguments, "--warmups", p.Warmups);
        if (p.Threads > 0) Add(arguments, "--threads", p.Threads);
        Add(arguments, "--telemetry-interval-ms", invocation.TelemetryIntervalMs);
        if (invocation.DeviceIsVirtual) arguments.AddRange(["--simulated-power", "--virtual"]);
        if (p.Admission is { } admission)
        {
            Add(arguments, "--battery-min", admission.MinBatteryPercent);
            Add(arguments, "--battery-max", admission.MaxBatteryPercent);
            Add(arguments, "--max-battery-temp-c", admission.MaxBatteryTemperatureC);
            if (admission.RequireNotCharging) arguments.Add("--require-not-charging");
            // The policy says: wait up to the limit, then run anyway and record that it was forced.
            Add(arguments, "--admission-timeout-s", (int)Math.Ceiling(admission.MaxWaitMs / 1000.0));
            Add(arguments, "--admission-poll-ms", AdmissionPollMs);
            arguments.AddRange(["--admission-on-timeout", "force"]);
        }
        if (invocation.EvaluationTextPath is { } text)
        {
            arguments.AddRange(["--eval-text", text]);
            if (invocation.ReferencePath is { } reference) arguments.AddRange(["--reference", reference]);
        }
        return ShellCommand.FromArguments(arguments);
    }

    private static void Add(List<string> arguments, string option, double value) =>
        arguments.AddRange([option, value.ToString(CultureInfo.InvariantCulture)]);
}

/// <summary>What the agent is started with on the device.</summary>
public sealed record AgentInvocation(
    string AgentPath, string PidFile, IReadOnlyList<RemoteVariant> Variants, SuiteParameters Parameters, int TelemetryIntervalMs,
    bool DeviceIsVirtual, string? EvaluationTextPath, string? ReferencePath);

/// <summary>A variant file on the device and the label its events use.</summary>
public sealed record RemoteVariant(string Label, string RemotePath, string Sha256);
