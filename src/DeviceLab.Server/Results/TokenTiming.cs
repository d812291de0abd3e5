namespace DeviceLab.Server.Results;

/// <summary>
/// The latency of one decoded token. Millions of rows: written in bulk (COPY), keyed by what it is
/// (job, attempt, variant, repetition, token index) instead of a row id.
/// </summary>
public sealed class TokenTiming
{
    public long RunJobId { get; set; }
    public int Attempt { get; set; }
    public long VariantId { get; set; }
    public int Repetition { get; set; }

    /// <summary>0 for the first decoded token.</summary>
    public int TokenIndex { get; set; }

    public double Ms { get; set; }
}
