using System.CommandLine;
using DeviceLab.Agent.Network;
using DeviceLab.Agent.Output;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Commands;

/// <summary><c>devicelab-agent connect</c>: network mode for iPhones and devices without ADB.</summary>
public static class ConnectCommand
{
    public const string TokenVariable = "DEVICELAB_DEVICE_TOKEN";

    public static Command Create(AgentConsole console)
    {
        var server = new Option<string>("--server") { Description = "DeviceLab server address, e.g. https://lab.example:5001", Required = true };
        var token = new Option<string?>("--device-token") { Description = $"This device's token (or set {TokenVariable}, which keeps it out of the process list)" };
        var workDir = new Option<string>("--work-dir") { Description = "Where downloaded variants are cached", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "devicelab-agent") };
        var once = new Option<bool>("--once") { Description = "Exit after the first job, with its exit code" };
        var sysfs = new Option<string>("--sysfs-root") { DefaultValueFactory = _ => "/sys" };
        var procfs = new Option<string>("--procfs-root") { DefaultValueFactory = _ => "/proc" };
        var simulated = new Option<bool>("--simulated-power") { Description = "Simulated battery / thermal (virtual devices); labelled simulated" };
        var isVirtual = new Option<bool>("--virtual") { Description = "Report this device as virtual" };
        var reconnectMs = new Option<int>("--reconnect-base-ms") { Description = "First back-off delay after a dropped connection", DefaultValueFactory = _ => 500 };
        var command = new Command("connect", "Connect to the server's agent hub, run the jobs it assigns and stream their events");
        foreach (var o in new Option[] { server, token, workDir, once, sysfs, procfs, simulated, isVirtual, reconnectMs }) command.Options.Add(o);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var deviceToken = parse.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable);
            var problems = new List<string>();
            if (!Uri.TryCreate(parse.GetValue(server), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                problems.Add($"--server: '{parse.GetValue(server)}' is not an http(s) address");
            if (string.IsNullOrWhiteSpace(deviceToken)) problems.Add($"--device-token: required (or set {TokenVariable})");
            var reconnect = parse.GetValue(reconnectMs);
            if (reconnect is < 1 or > 600_000) problems.Add($"--reconnect-base-ms: must be between 1 and 600000, was {reconnect}");
            if (problems.Count > 0)
            {
                console.Log.WriteLine($"devicelab-agent: {string.Join("; ", problems)}");
                return AgentExitCodes.BadInput;
            }
            var options = new ConnectOptions(uri!, deviceToken!, parse.GetValue(workDir)!, parse.GetValue(once),
                parse.GetValue(sysfs)!, parse.GetValue(procfs)!, parse.GetValue(simulated), parse.GetValue(isVirtual),
                TimeSpan.FromMilliseconds(reconnect));
            await using var agent = new NetworkAgent(options, console);
            return await agent.RunAsync(cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
