using System.Text.Json.Serialization;

namespace DeviceLab.Core.Regressions;

/// <summary>Open while the changed level stands; closed when a later change point restores the level.</summary>
[JsonConverter(typeof(SnakeCaseJsonEnum<RegressionStatus>))]
public enum RegressionStatus
{
    Open,
    Closed,
}
