using System.Text.Json.Serialization;

namespace DeviceLab.Core.Regressions;

/// <summary>What people decided about a regression. Stored and sent as snake_case text (<c>wont_fix</c>).</summary>
[JsonConverter(typeof(SnakeCaseJsonEnum<TriageState>))]
public enum TriageState
{
    /// <summary>Nobody has looked at it yet.</summary>
    Untriaged,

    /// <summary>Someone knows and is on it; it still blocks CI while it stands.</summary>
    Acknowledged,

    /// <summary>Not a real change (noise, a broken device).</summary>
    Invalid,

    /// <summary>A fix has landed; the detector closes the record once the level is back.</summary>
    Fixed,

    /// <summary>A real change that is accepted (e.g. the price of a feature); the new level is the new normal.</summary>
    WontFix,
}
