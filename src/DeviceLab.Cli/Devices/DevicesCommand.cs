using System.CommandLine;
using System.Globalization;
using DeviceLab.Cli.Api;
using Spectre.Console;

namespace DeviceLab.Cli.Devices;

/// <summary><c>devicelab devices …</c>: the fleet as the server sees it.</summary>
public static class DevicesCommand
{
    public static Command Create()
    {
        var command = new Command("devices", "[server] The fleet: phones and virtual devices the server's lab hosts see.");
        command.Subcommands.Add(CreateList());
        return command;
    }

    private static Command CreateList()
    {
        var api = new ApiOptions();
        var json = new Option<bool>("--json") { Description = "Write the devices as JSON (the API's shape) instead of a table." };
        var command = api.AddTo(new Command("list", """
            [server] List every device with its lab host, state (online, busy, offline, quarantined), model, ABI, OS, tags and
            battery. Virtual devices are marked: their numbers are a computer's, not a phone's.

            Examples:
              devicelab devices list
              devicelab devices list --json | jq '.[] | select(.state == "online") | .serial'

            Exit codes: 0 listed, 1 invalid command line, 4 server problem (unreachable, API key refused).
            """)
        {
            json,
        });
        command.SetAction((parse, cancellationToken) => ServerAction.RunAsync(parse, api, async (client, terminal) =>
        {
            var devices = await client.ListDevicesAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                terminal.WriteJson(devices);
                return ApiExitCodes.Success;
            }
            if (devices.Count == 0)
            {
                terminal.Output.WriteLine("No devices yet: connect a phone to a lab host (USB or adb over Wi-Fi), or run devicelab demo.");
                return ApiExitCodes.Success;
            }
            var table = new Table().AddColumns("id", "serial", "lab host", "state", "model", "abi", "os", "battery", "tags");
            foreach (var d in devices.OrderBy(d => d.LabHost, StringComparer.Ordinal).ThenBy(d => d.Serial, StringComparer.Ordinal))
            {
                table.AddRow(
                    d.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(d.Serial), Markup.Escape(d.LabHost),
                    d.State.ToString().ToLowerInvariant() + (d.ActiveLease is { } lease ? $" (job {lease.RunJobId})" : ""),
                    Markup.Escape((d.Model ?? "?") + (d.IsVirtual ? " [virtual]" : "")), Markup.Escape(d.Abi ?? "?"),
                    Markup.Escape(d.OsVersion ?? "?"),
                    d.BatteryLevelPercent is { } level ? $"{level.ToString("0", CultureInfo.InvariantCulture)} %" : "-",
                    Markup.Escape(string.Join(", ", d.Tags)));
            }
            terminal.Results.Write(table);
            return ApiExitCodes.Success;
        }));
        return command;
    }
}
