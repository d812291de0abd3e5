using System.CommandLine;
using System.Globalization;
using DeviceLab.Cli.Models;
using DeviceLab.Engine.Evaluation;
using DeviceLab.Engine.Llama;
using DeviceLab.Engine.Tokenizers;

namespace DeviceLab.Cli.Eval;

/// <summary><c>devicelab eval</c>: perplexity of a model on a text, and its divergence from a reference variant.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The GGUF model (variant) to evaluate." };
        var text = new Option<FileInfo>("--text") { Description = "UTF-8 text file to evaluate on.", Required = true };
        var reference = new Option<FileInfo?>("--reference") { Description = "Reference variant of the same model (e.g. its F16 file): adds KL divergence and top-1 agreement." };
        var ctx = new Option<int>("--ctx") { Description = "Tokens per sliding window (context of each prediction, up to it).", DefaultValueFactory = _ => 512 };
        var threads = new Option<int>("--threads", "-t") { Description = "Worker threads.", DefaultValueFactory = _ => 1 };
        var command = new Command("eval",
            "Measure how well a model predicts a text: perplexity over sliding windows of --ctx tokens (each token " +
            "after the first scored once). With --reference, also the KL divergence of this model's next-token " +
            "distributions from the reference's (mean, median, p99, max, in nats) and how often both pick the same top token.")
        {
            file, text, reference, ctx, threads,
        };
        command.SetAction(parse => ModelCommandAction.Run(parse, stdout =>
        {
            var window = parse.GetValue(ctx);
            using var model = LlamaModel.Load(parse.GetValue(file)!.FullName);
            var tokens = Tokenize(model, parse.GetValue(text)!);
            window = Math.Min(window, Math.Min(model.Config.ContextLength, tokens.Length));
            if (window < 2) throw new ArgumentException($"--ctx must be at least 2 tokens, got {parse.GetValue(ctx)}");
            var options = new LlamaContextOptions { Threads = parse.GetValue(threads), ContextLength = window };
            using var context = new LlamaContext(model, options);
            var referenceFile = parse.GetValue(reference);
            if (referenceFile is null)
            {
                var result = Perplexity.Measure(context, tokens, window);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"perplexity {result.Perplexity:0.0000} (mean NLL {result.MeanNegativeLogLikelihood:0.00000} nats) over {result.ScoredTokens} tokens, " +
                    $"{result.Windows} window(s) of up to {result.WindowTokens} tokens"));
                return 0;
            }
            using var referenceModel = LlamaModel.Load(referenceFile.FullName);
            using var referenceContext = new LlamaContext(referenceModel, options);
            var agreement = LogitComparison.Compare(referenceContext, context, tokens, window);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"perplexity {agreement.VariantPerplexity:0.0000} (reference {agreement.ReferencePerplexity:0.0000}) over {agreement.ScoredTokens} tokens, windows of up to {window}"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"KL divergence from the reference: mean {agreement.MeanKlDivergence:0.000000}, median {agreement.MedianKlDivergence:0.000000}, " +
                $"p99 {agreement.P99KlDivergence:0.000000}, max {agreement.MaxKlDivergence:0.000000} nats"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"top-1 agreement {agreement.Top1Agreement * 100:0.00} %"));
            return 0;
        }));
        return command;
    }

    private static int[] Tokenize(LlamaModel model, FileInfo text)
    {
        var content = File.ReadAllText(text.FullName);
        var tokenizer = Tokenizer.FromGguf(model.File);
        var addBos = !model.File.Metadata.TryGetBool(LlamaMetadataKeys.AddBos, out var bos) || bos;
        var tokens = tokenizer.Encode(content, addBos);
        if (tokens.Length < 2) throw new ArgumentException($"{text.FullName} holds {tokens.Length} token(s); at least 2 are needed to score one");
        return tokens;
    }
}
