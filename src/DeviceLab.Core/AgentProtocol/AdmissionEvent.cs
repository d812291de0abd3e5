namespace DeviceLab.Core.AgentProtocol;

/// <summary>
/// The admission record of one measured repetition: what the agent waited for, how long, and whether it
/// gave up waiting and ran anyway (<see cref="Forced"/>) or refused to run (<see cref="Admitted"/> false).
/// </summary>
public sealed record AdmissionEvent() : AgentEvent("admission")
{
    public required string Variant { get; init; }
    public required int Repetition { get; init; }
    public required bool Admitted { get; init; }

    /// <summary>True when the wait limit ran out and the policy said to run anyway.</summary>
    public required bool Forced { get; init; }
    public required double WaitedMs { get; init; }
    public required int Polls { get; init; }

    /// <summary>Conditions that were not met at the first poll, e.g. "battery temperature 41.2 °C > 40 °C".</summary>
    public IReadOnlyList<string> WaitedFor { get; init; } = [];

    /// <summary>Conditions still unmet when the wait ended (empty when admitted normally).</summary>
    public IReadOnlyList<string> Unmet { get; init; } = [];

    /// <summary>Policy conditions that could not be checked because the reading was unavailable.</summary>
    public IReadOnlyList<string> Unchecked { get; init; } = [];

    /// <summary>The readings at the moment of the decision.</summary>
    public AdmissionConditions? Conditions { get; init; }

    public override AgentEventProblem? Validate() => base.Validate()
        ?? (string.IsNullOrEmpty(Variant) ? new AgentEventProblem("variant", "is required")
        : !double.IsFinite(WaitedMs) || WaitedMs < 0 ? new AgentEventProblem("waited_ms", $"must be a finite number ≥ 0, was {WaitedMs}")
        : null);
}

/// <summary>Device state as admission saw it; null fields were unavailable.</summary>
public sealed record AdmissionConditions(
    double? BatteryLevelPercent, double? BatteryTemperatureC, double? MaxThermalZoneC, bool? Charging,
    string? BatteryStatus, SampleSource Source);
