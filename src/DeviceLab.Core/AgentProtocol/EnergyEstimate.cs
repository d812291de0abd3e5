using System.Text.Json.Serialization;

namespace DeviceLab.Core.AgentProtocol;

/// <summary>How an energy figure was obtained.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EnergyMethod>))]
public enum EnergyMethod
{
    /// <summary>Trapezoid integral of voltage × discharge current over the phase.</summary>
    [JsonStringEnumMemberName("power_integral")] PowerIntegral,
    /// <summary>Charge-counter drop over the phase × mean voltage.</summary>
    [JsonStringEnumMemberName("charge_counter")] ChargeCounter,
    /// <summary>No usable battery telemetry.</summary>
    [JsonStringEnumMemberName("none")] None,
}

/// <summary>
/// Energy of one phase of one repetition. <see cref="Valid"/> is false while charging, when the telemetry
/// was unavailable or did not bracket the phase; then the numbers (if any) must not be shown as measured.
/// </summary>
/// <param name="Joules">Energy drawn from the battery during the phase.</param>
/// <param name="MillijoulesPerToken">Joules × 1000 ÷ tokens processed in the phase.</param>
/// <param name="Method">How it was computed.</param>
/// <param name="Source">Where the battery readings came from (<c>sysfs</c> or <c>simulated</c>).</param>
/// <param name="ResolutionJoules">Smallest energy step the method can see (charge-counter quantum × voltage); null for the power integral.</param>
/// <param name="MaxSampleGapMs">Longest gap between readings used, the time resolution of the integral.</param>
/// <param name="Samples">Readings inside or bracketing the phase.</param>
/// <param name="Valid">Whether the figure can be trusted.</param>
/// <param name="InvalidReason">Why not, when <see cref="Valid"/> is false.</param>
public sealed record EnergyEstimate(
    double? Joules, double? MillijoulesPerToken, EnergyMethod Method, SampleSource Source,
    double? ResolutionJoules, double? MaxSampleGapMs, int Samples, bool Valid, string? InvalidReason);

/// <summary>The energy of one phase over all measured repetitions of a variant; summaries cover valid repetitions only.</summary>
public sealed record EnergySummary(
    Statistics.SampleSummary? Joules, Statistics.SampleSummary? MillijoulesPerToken, EnergyMethod Method, SampleSource Source,
    double? ResolutionJoules, int ValidRepetitions, int Repetitions, bool Valid, string? InvalidReason);

/// <summary>Energy per phase.</summary>
public sealed record PhaseEnergy<T>(T Prefill, T Decode);
