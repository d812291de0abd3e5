using System.CommandLine;
using DeviceLab.Cli.Models;
using DeviceLab.Engine.Bench;
using DeviceLab.Engine.Llama;

namespace DeviceLab.Cli.Bench;

/// <summary><c>devicelab bench</c>: llama-bench-style throughput of one model on this machine.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The GGUF model to benchmark." };
        var threads = new Option<int>("--threads", "-t") { Description = "Worker threads.", DefaultValueFactory = _ => 1 };
        var prompt = new Option<int>("--prompt", "-p") { Description = "Prompt tokens per repetition (prefill).", DefaultValueFactory = _ => 128 };
        var gen = new Option<int>("--gen", "-n") { Description = "Generated tokens per repetition (decode).", DefaultValueFactory = _ => 64 };
        var reps = new Option<int>("--reps", "-r") { Description = "Measured repetitions.", DefaultValueFactory = _ => 5 };
        var warmups = new Option<int>("--warmups") { Description = "Unmeasured repetitions first.", DefaultValueFactory = _ => 1 };
        var kvType = new Option<KvCacheType>("--kv-type") { Description = "KV cache entries: F16 or F32.", DefaultValueFactory = _ => KvCacheType.F16 };
        var seed = new Option<int>("--seed") { Description = "Seed of the prompt tokens.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (medians and every repetition's figures) instead of the table." };
        var command = new Command("bench",
            "Measure prefill and decode throughput of a GGUF model with DeviceLab's engine, like llama-bench: each " +
            "repetition prefills --prompt tokens from an empty cache, then generates --gen tokens one at a time. " +
            "Prints pp (prefill) and tg (decode) tokens/s as mean ± stddev over --reps, time to first token and peak " +
            "resident memory; --json prints the medians and every repetition's raw figures.")
        {
            file, threads, prompt, gen, reps, warmups, kvType, seed, json,
        };
        command.SetAction(parse => ModelCommandAction.Run(parse, stdout =>
        {
            var settings = new BenchSettings(
                parse.GetValue(prompt), parse.GetValue(gen), parse.GetValue(reps), parse.GetValue(warmups));
            settings.Validate();
            using var session = BenchSession.Load(parse.GetValue(file)!.FullName, new BenchSessionOptions
            {
                Threads = parse.GetValue(threads),
                ContextLength = settings.PromptTokens + settings.GeneratedTokens,
                KvCacheType = parse.GetValue(kvType),
                PrefillChunkTokens = Math.Max(1, settings.PromptTokens),
                Seed = parse.GetValue(seed),
            });
            for (var i = 0; i < settings.Warmups; i++) session.Run(settings.PromptTokens, settings.GeneratedTokens);
            var repetitions = Enumerable.Range(0, settings.Repetitions)
                .Select(_ => session.Run(settings.PromptTokens, settings.GeneratedTokens))
                .ToList();
            var report = new BenchReport(session.Model, session.Kernels, settings, repetitions);
            if (parse.GetValue(json)) BenchJson.Write(report, stdout);
            else BenchTable.Write(report, stdout);
            return 0;
        }));
        return command;
    }
}
