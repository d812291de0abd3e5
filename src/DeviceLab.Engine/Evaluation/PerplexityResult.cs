namespace DeviceLab.Engine.Evaluation;

/// <summary>Perplexity of a model on a text.</summary>
/// <param name="Perplexity">exp(mean negative log-likelihood) of the scored tokens.</param>
/// <param name="MeanNegativeLogLikelihood">Mean −log p(token | context) in nats.</param>
/// <param name="ScoredTokens">Tokens predicted (every token but the first).</param>
/// <param name="WindowTokens">Longest context a window gives.</param>
/// <param name="Windows">Windows evaluated.</param>
public sealed record PerplexityResult(double Perplexity, double MeanNegativeLogLikelihood, int ScoredTokens, int WindowTokens, int Windows);
