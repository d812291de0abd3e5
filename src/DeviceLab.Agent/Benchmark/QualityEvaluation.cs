using DeviceLab.Core.AgentProtocol;
using DeviceLab.Engine.Evaluation;
using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Llama;
using DeviceLab.Engine.Tokenizers;

namespace DeviceLab.Agent.Benchmark;

/// <summary>
/// Quality next to speed: perplexity of each variant on an evaluation text and, with a reference variant, the
/// KL divergence and top-1 agreement of each variant's next-token distributions against the reference's. Inputs are
/// checked before anything is measured (text readable and long enough, reference loadable, one vocabulary); the
/// evaluation itself runs after the measured repetitions so it never heats the device before them.
/// </summary>
internal sealed class QualityEvaluation
{
    private readonly int[] _tokens;
    private readonly int _windowTokens;
    private readonly int _threads;
    private readonly string? _referencePath;
    private readonly string? _referenceLabel;

    private QualityEvaluation(int[] tokens, int windowTokens, int threads, string? referencePath, string? referenceLabel)
    {
        _tokens = tokens;
        _windowTokens = windowTokens;
        _threads = threads;
        _referencePath = referencePath;
        _referenceLabel = referenceLabel;
    }

    /// <summary>Null when no evaluation was asked for.</summary>
    /// <exception cref="AgentInputException">Missing or unusable text or reference.</exception>
    public static async Task<QualityEvaluation?> PrepareAsync(BenchRequest request, IReadOnlyList<VerifiedVariant> variants, CancellationToken cancellationToken)
    {
        if (request.EvaluationTextPath is not { } textPath) return null;
        string text;
        try
        {
            text = await File.ReadAllTextAsync(textPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgentInputException(AgentErrorCodes.EvaluationInputInvalid, $"evaluation text {textPath} cannot be read: {e.Message}", inner: e);
        }
        var vocabulary = variants[0].Descriptor.VocabularySize;
        foreach (var v in variants)
        {
            if (v.Descriptor.VocabularySize != vocabulary)
                throw new AgentInputException(AgentErrorCodes.EvaluationInputInvalid,
                    $"{v.Label} has {v.Descriptor.VocabularySize} tokens, {variants[0].Label} {vocabulary}: quality needs variants of one model", v.Label);
        }

        string? referencePath = null, referenceLabel = null;
        if (request.ReferencePath is { } reference)
        {
            referencePath = Path.GetFullPath(reference);
            referenceLabel = variants.FirstOrDefault(v => v.Descriptor.Path == referencePath)?.Label ?? Path.GetFileNameWithoutExtension(reference);
            if (!File.Exists(referencePath))
                throw new AgentInputException(AgentErrorCodes.EvaluationInputInvalid, $"reference variant {reference} does not exist");
            using var referenceModel = Open(referencePath, referenceLabel);
            if (referenceModel.Config.VocabSize != vocabulary)
                throw new AgentInputException(AgentErrorCodes.EvaluationInputInvalid,
                    $"reference {reference} has {referenceModel.Config.VocabSize} tokens, the variants {vocabulary}: not variants of one model");
        }

        using var first = Open(variants[0].Descriptor.Path, variants[0].Label);
        var tokens = Tokenizer.FromGguf(first.File).Encode(text, addBos: true);
        if (tokens.Length < 2)
            throw new AgentInputException(AgentErrorCodes.EvaluationInputInvalid, $"evaluation text {textPath} is {tokens.Length} token(s); at least 2 are needed");
        var window = Math.Min(request.Parameters.EvaluationContextTokens, tokens.Length);
        return new QualityEvaluation(tokens, window, request.Parameters.Threads, referencePath, referenceLabel);
    }

    /// <summary>Quality of each variant, in the variants' order.</summary>
    public IReadOnlyList<QualityResult> Evaluate(IReadOnlyList<VerifiedVariant> variants, CancellationToken cancellationToken)
    {
        using var referenceModel = _referencePath is null ? null : Open(_referencePath, _referenceLabel!);
        using var reference = referenceModel is null ? null : Context(referenceModel);
        var results = new List<QualityResult>();
        foreach (var variant in variants)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var model = Open(variant.Descriptor.Path, variant.Label);
            using var context = Context(model);
            var perplexity = Perplexity.Measure(context, _tokens, _windowTokens);
            if (reference is null || variant.Descriptor.Path == _referencePath)
            {
                results.Add(new QualityResult(perplexity.Perplexity, perplexity.ScoredTokens, _windowTokens, _referenceLabel, null, null));
                continue;
            }
            var agreement = LogitComparison.Compare(reference, context, _tokens, _windowTokens);
            results.Add(new QualityResult(perplexity.Perplexity, perplexity.ScoredTokens, _windowTokens, _referenceLabel,
                agreement.MeanKlDivergence, agreement.Top1Agreement));
        }
        return results;
    }

    private LlamaContext Context(LlamaModel model) =>
        new(model, new LlamaContextOptions { ContextLength = _windowTokens, Threads = _threads, PrefillChunkTokens = Math.Min(128, _windowTokens) });

    private static LlamaModel Open(string path, string label)
    {
        try
        {
            return LlamaModel.Load(path);
        }
        catch (Exception e) when (e is GgufFormatException or IOException or InvalidDataException)
        {
            throw new AgentInputException(AgentErrorCodes.VariantInvalid, $"{path} cannot be loaded for evaluation: {e.Message}", label, e);
        }
    }
}
