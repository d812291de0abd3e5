using System.Text.Json.Serialization;

namespace DeviceLab.Core.Regressions.Gate;

/// <summary>The per-run gate's answer for one night of one series (JSON: snake_case text).</summary>
[JsonConverter(typeof(SnakeCaseJsonEnum<GateVerdict>))]
public enum GateVerdict
{
    /// <summary>The night is within what the baseline predicts, or better.</summary>
    Pass,

    /// <summary>The night is much worse than the baseline and clearly outside its spread.</summary>
    Fail,

    /// <summary>Too few baseline nights to judge; CI should treat this as "no signal", not as a pass.</summary>
    NotEnoughBaseline,
}
