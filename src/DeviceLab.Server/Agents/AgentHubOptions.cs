using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Agents;

/// <summary>How long the server waits for networked agents that dropped their connection (<c>DeviceLab:Agents</c>).</summary>
public sealed class AgentHubOptions
{
    public const string Section = "DeviceLab:Agents";

    /// <summary>A device whose agent disconnected is shown offline after this long without reconnecting (a Wi-Fi blip is not an outage).</summary>
    public double DisconnectGraceSeconds { get; set; } = 10;

    /// <summary>A running attempt whose agent stays away longer than this fails with <c>device_lost</c> (and is retried as in ADB mode).</summary>
    public double ReconnectLimitSeconds { get; set; } = 60;

    /// <summary>Most event lines accepted in one <c>PublishEvents</c> call.</summary>
    public int MaxBatchLines { get; set; } = 10_000;

    /// <summary>Largest hub message an agent may send, bytes. SignalR's default (32 KB) is far below one batch of the agent's
    /// 500 events (~150 KB): an agent would be disconnected on every batch and re-send it forever.</summary>
    public long MaxMessageBytes { get; set; } = 8 << 20;
}

internal sealed class AgentHubOptionsValidation : IValidateOptions<AgentHubOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentHubOptions options)
    {
        var failures = new List<string>();
        if (options.DisconnectGraceSeconds is < 0 or > 3600) failures.Add($"{AgentHubOptions.Section}:DisconnectGraceSeconds is {options.DisconnectGraceSeconds}: use 0–3600.");
        if (options.ReconnectLimitSeconds is < 0.1 or > 86_400) failures.Add($"{AgentHubOptions.Section}:ReconnectLimitSeconds is {options.ReconnectLimitSeconds}: use 0.1–86400.");
        if (options.MaxMessageBytes is < 64 << 10 or > 1L << 30) failures.Add($"{AgentHubOptions.Section}:MaxMessageBytes is {options.MaxMessageBytes}: use 65536–1073741824.");
        if (options.MaxBatchLines is < 1 or > 1_000_000) failures.Add($"{AgentHubOptions.Section}:MaxBatchLines is {options.MaxBatchLines}: use 1–1000000.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
