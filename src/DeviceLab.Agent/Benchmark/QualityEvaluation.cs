using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Benchmark;

/// <summary>
/// Quality next to speed: perplexity of each variant on an evaluation text, and KL divergence / top-1 agreement
/// against a reference variant.
/// </summary>
/// <remarks>
/// The engine's evaluation (<c>DeviceLab.Engine.Evaluation</c>) has not landed yet. Until it does, asking for an
/// evaluation is refused up front with a clear error rather than silently producing results without quality.
/// </remarks>
internal sealed class QualityEvaluation
{
    private QualityEvaluation() { }

    /// <summary>Null when no evaluation was asked for.</summary>
    public static Task<QualityEvaluation?> PrepareAsync(BenchRequest request, IReadOnlyList<LoadedVariant> variants, CancellationToken cancellationToken)
    {
        _ = variants;
        cancellationToken.ThrowIfCancellationRequested();
        if (request.EvaluationTextPath is null) return Task.FromResult<QualityEvaluation?>(null);
        if (!File.Exists(request.EvaluationTextPath))
            throw new AgentInputException(AgentErrorCodes.EvaluationInputInvalid, $"evaluation text {request.EvaluationTextPath} does not exist");
        if (request.ReferencePath is { } reference && !File.Exists(reference))
            throw new AgentInputException(AgentErrorCodes.EvaluationInputInvalid, $"reference variant {reference} does not exist");
        throw new AgentInputException(AgentErrorCodes.EvaluationInputInvalid,
            "--eval-text: this engine build has no evaluation (perplexity / KL divergence) yet; run without --eval-text");
    }

    /// <summary>Quality per variant, in the variants' order.</summary>
    public IReadOnlyList<QualityResult?> Evaluate(IReadOnlyList<LoadedVariant> variants, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the engine's evaluation has not landed yet");
}
