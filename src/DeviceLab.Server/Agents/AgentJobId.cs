using System.Globalization;

namespace DeviceLab.Server.Agents;

/// <summary>The job id a networked agent sees: <c>{run job id}-{attempt}</c>, the same pair that keys everything the attempt stores.</summary>
public readonly record struct AgentJobId(long RunJobId, int Attempt)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{RunJobId}-{Attempt}");

    /// <summary>Null for anything that is not <c>{positive long}-{positive int}</c>.</summary>
    public static AgentJobId? Parse(string? text)
    {
        if (text is null || text.Length > 40) return null;
        var dash = text.IndexOf('-');
        if (dash <= 0) return null;
        return long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var runJobId) && runJobId > 0 &&
               int.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) && attempt > 0
            ? new AgentJobId(runJobId, attempt)
            : null;
    }
}
