namespace DeviceLab.Server.Results;

/// <summary>What a llama-bench import stores its tests as.</summary>
/// <param name="Device">The device that ran llama-bench: its id, or its serial (unique across lab hosts).</param>
/// <param name="VariantId">The DeviceLab variant the tests ran (the same model and quantization); or give <paramref name="Model"/>.</param>
/// <param name="Model">A model (id or name) whose variant of the quantization named in the tests' model_type is meant.</param>
/// <param name="Threads">Import only the tests with this n_threads (when the file has several).</param>
/// <param name="PromptTokens">Import only the prompt test with this n_prompt (when the file has several).</param>
/// <param name="GeneratedTokens">Import only the generation test with this n_gen (when the file has several).</param>
public sealed record LlamaBenchImportRequest(
    string Device, long? VariantId, string? Model, int? Threads = null, int? PromptTokens = null, int? GeneratedTokens = null);

/// <summary>What an import stored: one run holding one result of the device and variant, labelled with llama.cpp's build.</summary>
/// <param name="Engine">"llama.cpp b5163 (8cf427ff)": the result's <c>context.engine</c>.</param>
/// <param name="Tests">The llama-bench tests it holds ("pp512", "tg128").</param>
public sealed record LlamaBenchImportResult(
    long RunId, long RunJobId, long ResultId, long DeviceId, long VariantId, string Engine, IReadOnlyList<string> Tests,
    double? PrefillTokensPerSecond, double? DecodeTokensPerSecond);
