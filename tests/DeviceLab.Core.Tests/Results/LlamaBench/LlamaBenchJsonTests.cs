using DeviceLab.Core.Results.LlamaBench;

namespace DeviceLab.Core.Tests.Results.LlamaBench;

public sealed class LlamaBenchJsonTests
{
    [Fact]
    public void Reads_a_prompt_and_a_generation_test_with_every_repetition()
    {
        var tests = LlamaBenchJson.Parse(LlamaBenchSamples.PromptAndGeneration());

        Assert.Equal(["pp128", "tg64"], tests.Select(t => t.Name));
        var generation = tests[1];
        Assert.Equal("llama.cpp b5163 (8cf427ff)", generation.EngineLabel);
        Assert.Equal("Q4_0", generation.QuantName);
        Assert.Equal(4, generation.Threads);
        Assert.Equal([400000000L, 410000000, 395000000, 405000000, 400000000], generation.SamplesNs);
        Assert.Equal(156.097561, generation.SamplesTokensPerSecond[1], 6);
        Assert.Equal(new DateTimeOffset(2025, 4, 24, 11, 58, 50, TimeSpan.Zero), generation.TestTime);
        Assert.Equal("ARMv8 Processor rev 0 (v8l)", generation.Raw.GetProperty("cpu_info").GetString());
    }

    [Fact]
    public void Reads_jsonl_one_test_per_line()
    {
        var jsonl = string.Join('\n', LlamaBenchJson.Parse(LlamaBenchSamples.PromptAndGeneration()).Select(t => System.Text.Json.JsonSerializer.Serialize(t.Raw))); // one compact object per line, as llama-bench -o jsonl writes

        Assert.Equal(["pp128", "tg64"], LlamaBenchJson.Parse(jsonl).Select(t => t.Name));
    }

    [Theory]
    [InlineData("llama 7B mostly Q4_0", "Q4_0")]
    [InlineData("llama 1B Q8_0", "Q8_0")]
    [InlineData("llama 1B F16", "F16")]
    [InlineData("qwen2 7B Q4_K - Medium", "Q4_K")]
    [InlineData("llama 1B all F32", "F32")]
    [InlineData("llama ?B", null)]
    public void Names_the_quantization_of_the_model_type(string modelType, string? quant)
    {
        var test = LlamaBenchJson.Parse("[" + LlamaBenchSamples.Test(0, 16, "1000", "16000", modelType: modelType) + "]")[0];

        Assert.Equal(quant, test.QuantName);
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("<html>", "starts with neither '[' (-o json) nor '{' (-o jsonl)")]
    [InlineData("[ {\"build_commit\": ", "The file is not valid JSON")]
    [InlineData("[]", "no llama-bench tests")]
    [InlineData("[42]", "Test 1 is a JSON number, not an object.")]
    [InlineData("[{\"n_prompt\": 0, \"n_gen\": 16}]", "Test 1 has no 'samples_ns' field; is this llama-bench -o json output?")]
    public void A_file_that_is_not_llama_bench_output_is_one_line_naming_the_problem(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => LlamaBenchJson.Parse(text));

        Assert.Contains(message, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Mismatched_or_impossible_samples_are_refused()
    {
        var uneven = "[" + LlamaBenchSamples.Test(0, 16, "1000, 2000", "16000") + "]";
        var zero = "[" + LlamaBenchSamples.Test(0, 16, "0", "16000") + "]";
        var nothing = "[" + LlamaBenchSamples.Test(0, 0, "1000", "16000") + "]";
        var text = "[" + LlamaBenchSamples.Test(0, 16, "1000", "\"fast\"") + "]";

        Assert.Contains("samples_ns has 2 values but samples_ts has 1", Assert.Throws<FormatException>(() => LlamaBenchJson.Parse(uneven)).Message);
        Assert.Contains("a sample is zero, negative or not a number", Assert.Throws<FormatException>(() => LlamaBenchJson.Parse(zero)).Message);
        Assert.Contains("measure nothing", Assert.Throws<FormatException>(() => LlamaBenchJson.Parse(nothing)).Message);
        Assert.Contains("'samples_ts' holds \"fast\", not a number", Assert.Throws<FormatException>(() => LlamaBenchJson.Parse(text)).Message);
    }
}
