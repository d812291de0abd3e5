using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using DeviceLab.Cli.Models;
using DeviceLab.Engine.Llama;
using DeviceLab.Engine.Sampling;
using DeviceLab.Engine.Tokenizers;

namespace DeviceLab.Cli.Generate;

/// <summary><c>devicelab generate</c>: continue a prompt with a GGUF model, streaming the text.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The GGUF model." };
        var prompt = new Option<string>("--prompt") { Description = "Text to continue.", Required = true };
        var tokens = new Option<int>("--tokens", "-n") { Description = "Tokens to generate (stops early at end-of-sequence).", DefaultValueFactory = _ => 64 };
        var temperature = new Option<float>("--temp") { Description = "Sampling temperature; 0 is greedy.", DefaultValueFactory = _ => 0.8f };
        var topK = new Option<int>("--top-k") { Description = "Sample among the K most likely tokens; 0 keeps all.", DefaultValueFactory = _ => 40 };
        var topP = new Option<float>("--top-p") { Description = "Sample within the smallest set reaching probability P; 1 keeps all.", DefaultValueFactory = _ => 0.95f };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the sampler: the same seed gives the same text.", DefaultValueFactory = _ => 1UL };
        var threads = new Option<int>("--threads", "-t") { Description = "Worker threads.", DefaultValueFactory = _ => 1 };
        var command = new Command("generate",
            "Continue --prompt with DeviceLab's engine and print the text as it is generated (the prompt itself is " +
            "not repeated). Timing goes to stderr, so stdout holds only the text.")
        {
            file, prompt, tokens, temperature, topK, topP, seed, threads,
        };
        command.SetAction(parse => ModelCommandAction.Run(parse, stdout =>
        {
            var count = parse.GetValue(tokens);
            if (count < 1) throw new ArgumentException($"--tokens must be at least 1, got {count}");
            var options = new SamplerOptions
            {
                Temperature = parse.GetValue(temperature), TopK = parse.GetValue(topK), TopP = parse.GetValue(topP), Seed = parse.GetValue(seed),
            };
            options.Validate();
            using var model = LlamaModel.Load(parse.GetValue(file)!.FullName);
            var tokenizer = Tokenizer.FromGguf(model.File);
            var addBos = !model.File.Metadata.TryGetBool(LlamaMetadataKeys.AddBos, out var bos) || bos;
            var promptTokens = tokenizer.Encode(parse.GetValue(prompt)!, addBos);
            if (promptTokens.Length == 0) throw new ArgumentException("the prompt encodes to no tokens; give some text");
            var contextLength = Math.Min(model.Config.ContextLength, promptTokens.Length + count);
            if (promptTokens.Length >= contextLength)
                throw new ArgumentException($"the prompt is {promptTokens.Length} tokens; the model's context holds {model.Config.ContextLength}");
            using var context = new LlamaContext(model, new LlamaContextOptions { Threads = parse.GetValue(threads), ContextLength = contextLength });
            var sampler = new Sampler(model.Config.VocabSize, options);
            var text = new StreamingText(stdout);

            var start = Stopwatch.GetTimestamp();
            var logits = context.Evaluate(promptTokens);
            var prefillMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var decodeStart = Stopwatch.GetTimestamp();
            var generated = 0;
            while (generated < count && context.Position < contextLength)
            {
                var next = sampler.Sample(logits);
                generated++;
                if (next == tokenizer.Eos) break;
                text.Write(tokenizer.TokenBytes(next));
                if (generated < count && context.Position < contextLength) logits = context.Evaluate([next]);
            }
            text.Flush();
            var decodeMs = Stopwatch.GetElapsedTime(decodeStart).TotalMilliseconds;
            stdout.WriteLine();
            parse.InvocationConfiguration.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{promptTokens.Length} prompt tokens in {prefillMs:0.0} ms ({promptTokens.Length / prefillMs * 1000:0.0} t/s), " +
                $"{generated} generated in {decodeMs:0.0} ms ({generated / decodeMs * 1000:0.0} t/s), kernels {context.Kernels}, {context.Threads} thread(s)"));
            return 0;
        }));
        return command;
    }

    /// <summary>Writes token bytes as UTF-8 text as soon as characters are complete (a character may span tokens).</summary>
    private sealed class StreamingText(TextWriter output)
    {
        private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
        private readonly char[] _chars = new char[256];

        public void Write(byte[] bytes)
        {
            var count = _decoder.GetChars(bytes, 0, bytes.Length, _chars, 0, flush: false);
            output.Write(_chars, 0, count);
            output.Flush();
        }

        public void Flush()
        {
            var count = _decoder.GetChars([], 0, 0, _chars, 0, flush: true);
            output.Write(_chars, 0, count);
        }
    }
}
