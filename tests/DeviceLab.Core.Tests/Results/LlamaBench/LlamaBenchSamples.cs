namespace DeviceLab.Core.Tests.Results.LlamaBench;

/// <summary>llama-bench -o json output as llama.cpp writes it (the README's field set; numbers of a small phone run).</summary>
internal static class LlamaBenchSamples
{
    public static string Test(int nPrompt, int nGen, string samplesNs, string samplesTs, int threads = 4, string build = "8cf427ff", int buildNumber = 5163,
        string modelType = "llama 135M Q4_0") => $$"""
        {
          "build_commit": "{{build}}", "build_number": {{buildNumber}},
          "cpu_info": "ARMv8 Processor rev 0 (v8l)", "gpu_info": "", "backends": "CPU",
          "model_filename": "/data/local/tmp/smollm2-135m-q4_0.gguf", "model_type": "{{modelType}}",
          "model_size": 91750400, "model_n_params": 134515008,
          "n_batch": 2048, "n_ubatch": 512, "n_threads": {{threads}}, "cpu_mask": "0x0", "cpu_strict": false, "poll": 50,
          "type_k": "f16", "type_v": "f16", "n_gpu_layers": 0, "split_mode": "layer", "main_gpu": 0, "no_kv_offload": false,
          "flash_attn": false, "tensor_split": "0.00", "use_mmap": true, "embeddings": false,
          "n_prompt": {{nPrompt}}, "n_gen": {{nGen}}, "n_depth": 0, "test_time": "2025-04-24T11:58:50Z",
          "avg_ns": 1, "stddev_ns": 0, "avg_ts": 1, "stddev_ts": 0,
          "samples_ns": [ {{samplesNs}} ],
          "samples_ts": [ {{samplesTs}} ]
        }
        """;

    /// <summary>The default llama-bench pair: pp128 and tg64, five repetitions each.</summary>
    public static string PromptAndGeneration(int threads = 4) => "[\n" +
        Test(128, 0, "160000000, 158000000, 162000000, 161000000, 159000000", "800.0, 810.126582, 790.123456, 795.031055, 805.031446", threads) + ",\n" +
        Test(0, 64, "400000000, 410000000, 395000000, 405000000, 400000000", "160.0, 156.097561, 162.025316, 158.024691, 160.0", threads) + "\n]";
}
