using System.Text.Json.Serialization;

namespace DeviceLab.Core.Regressions;

/// <summary>Whether a change made the metric worse or better (for its own sense: lower ms is better).</summary>
[JsonConverter(typeof(SnakeCaseJsonEnum<RegressionDirection>))]
public enum RegressionDirection
{
    Regression,
    Improvement,
}
