namespace DeviceLab.Engine.Evaluation;

/// <summary>How closely a variant's next-token distributions follow a reference variant's on the same text.</summary>
/// <param name="MeanKlDivergence">Mean KL(reference ‖ variant) per token, in nats.</param>
/// <param name="MedianKlDivergence">Median per-token KL divergence.</param>
/// <param name="P99KlDivergence">99th percentile per-token KL divergence.</param>
/// <param name="MaxKlDivergence">Largest per-token KL divergence.</param>
/// <param name="Top1Agreement">Fraction of tokens where both pick the same most likely next token.</param>
/// <param name="ScoredTokens">Positions compared.</param>
/// <param name="ReferencePerplexity">Perplexity of the reference on the text.</param>
/// <param name="VariantPerplexity">Perplexity of the variant on the text.</param>
public sealed record LogitAgreement(
    double MeanKlDivergence,
    double MedianKlDivergence,
    double P99KlDivergence,
    double MaxKlDivergence,
    double Top1Agreement,
    int ScoredTokens,
    double ReferencePerplexity,
    double VariantPerplexity);
