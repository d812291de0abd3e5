using System.Text.Json.Nodes;
using DeviceLab.Adb;
using DeviceLab.Adb.Shell;

namespace DeviceLab.Server.Runs.Execution.Device;

/// <summary>
/// Device settings that make benchmarks less noisy, applied before the agent starts and put back afterwards:
/// animations off, stay awake while plugged in (no suspend mid-run), screen off (no rendering, less heat). A device
/// that lacks a command (a DeviceLab virtual device has no <c>settings</c>) records the setting as unsupported —
/// never silently skipped — so every result says which settings it ran under.
/// </summary>
public static class NoiseSettings
{
    private static readonly (string Name, string Value)[] GlobalSettings =
    [
        ("window_animation_scale", "0"),
        ("transition_animation_scale", "0"),
        ("animator_duration_scale", "0"),
        ("stay_on_while_plugged_in", "7"),
    ];

    /// <summary>Applies the settings; returns one record per setting (name, command, outcome, previous value).</summary>
    public static async Task<JsonArray> ApplyAsync(AdbDevice device, CancellationToken cancellationToken)
    {
        var records = new JsonArray();
        var settingsMissing = false;
        foreach (var (name, value) in GlobalSettings)
        {
            var command = ShellCommand.Of("settings", "put", "global", name, value);
            if (settingsMissing)
            {
                records.Add(Record(name, command, "unsupported", null, "the device has no 'settings' command"));
                continue;
            }
            var previous = await device.RunShellAsync(ShellCommand.Of("settings", "get", "global", name), cancellationToken: cancellationToken);
            if (previous.ExitCode == 127)
            {
                settingsMissing = true;
                records.Add(Record(name, command, "unsupported", null, "the device has no 'settings' command"));
                continue;
            }
            var applied = await device.RunShellAsync(command, cancellationToken: cancellationToken);
            records.Add(Record(name, command, applied.Succeeded ? "applied" : "failed", previous.Succeeded ? previous.OutputText.Trim() : null,
                applied.Succeeded ? null : Detail(applied)));
        }
        var sleep = ShellCommand.Of("input", "keyevent", "KEYCODE_SLEEP");
        var screen = await device.RunShellAsync(sleep, cancellationToken: cancellationToken);
        records.Add(Record("screen_off", sleep, screen.Succeeded ? "applied" : screen.ExitCode == 127 ? "unsupported" : "failed", null,
            screen.Succeeded ? null : screen.ExitCode == 127 ? "the device has no 'input' command" : Detail(screen)));
        return records;
    }

    /// <summary>Puts back every setting that was applied and had a previous value (best effort; failures are returned, not thrown).</summary>
    public static async Task<List<string>> RestoreAsync(AdbDevice device, JsonArray applied, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var record in applied.OfType<JsonObject>())
        {
            if (record["outcome"]?.GetValue<string>() != "applied" || record["previous"]?.GetValue<string>() is not { } previous) continue;
            var name = record["name"]!.GetValue<string>();
            var command = previous == "null" ? ShellCommand.Of("settings", "delete", "global", name) : ShellCommand.Of("settings", "put", "global", name, previous);
            var result = await device.RunShellAsync(command, cancellationToken: cancellationToken);
            if (!result.Succeeded) problems.Add($"{name}: {Detail(result)}");
        }
        return problems;
    }

    private static JsonObject Record(string name, ShellCommand command, string outcome, string? previous, string? detail) => new()
    {
        ["name"] = name, ["command"] = command.CommandLine, ["outcome"] = outcome, ["previous"] = previous, ["detail"] = detail,
    };

    private static string Detail(ShellResult result) =>
        $"exit {result.ExitCode}{(result.ErrorText.Trim() is { Length: > 0 } error ? $": {(error.Length > 200 ? error[..200] : error)}" : "")}";
}
