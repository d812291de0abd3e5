using System.Text.Json;
using DeviceLab.Cli.Api;
using DeviceLab.Cli.Import;
using DeviceLab.Cli.Runs;
using DeviceLab.Cli.Tests.Lab;

namespace DeviceLab.Cli.Tests.Import;

/// <summary><c>devicelab import llama-bench</c>: llama.cpp's numbers stored as a result of a device, labelled with its build.</summary>
[Collection(LabCollection.Name)]
public sealed class ImportLlamaBenchTests(LabServer lab)
{
    private const string PromptAndGeneration = """
        [
          { "build_commit": "8cf427ff", "build_number": 5163, "cpu_info": "x86_64", "gpu_info": "", "backends": "CPU",
            "model_filename": "tiny-q4_0.gguf", "model_type": "llama ?B Q4_0", "model_size": 200000, "model_n_params": 400000,
            "n_batch": 2048, "n_ubatch": 512, "n_threads": 1, "type_k": "f16", "type_v": "f16", "n_gpu_layers": 0, "use_mmap": true,
            "n_prompt": 32, "n_gen": 0, "n_depth": 0, "test_time": "2026-11-20T10:00:00Z",
            "avg_ns": 1000000, "stddev_ns": 100000, "avg_ts": 32000.0, "stddev_ts": 3000.0,
            "samples_ns": [ 900000, 1000000, 1100000 ], "samples_ts": [ 35555.555556, 32000.0, 29090.909091 ] },
          { "build_commit": "8cf427ff", "build_number": 5163, "cpu_info": "x86_64", "gpu_info": "", "backends": "CPU",
            "model_filename": "tiny-q4_0.gguf", "model_type": "llama ?B Q4_0", "model_size": 200000, "model_n_params": 400000,
            "n_batch": 2048, "n_ubatch": 512, "n_threads": 1, "type_k": "f16", "type_v": "f16", "n_gpu_layers": 0, "use_mmap": true,
            "n_prompt": 0, "n_gen": 16, "n_depth": 0, "test_time": "2026-11-20T10:00:01Z",
            "avg_ns": 4000000, "stddev_ns": 200000, "avg_ts": 4000.0, "stddev_ts": 200.0,
            "samples_ns": [ 3800000, 4000000, 4200000 ], "samples_ts": [ 4210.526316, 4000.0, 3809.52381 ] }
        ]
        """;

    [Fact]
    public async Task A_llama_bench_file_becomes_a_result_of_the_device_labelled_with_the_llama_cpp_build()
    {
        await lab.WaitForDevicesAsync();
        await LabModels.UploadAndBuildAsync(lab, "cli-import", seed: 31);
        var file = lab.Scratch.Combine("pixel.json");
        File.WriteAllText(file, PromptAndGeneration);

        var run = await lab.CliAsync("import", "llama-bench", file, "--device", lab.Devices[0].Serial, "--model", "cli-import", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var stored = JsonSerializer.Deserialize<ImportCommand.ImportedLlamaBench>(run.Output, ApiClient.Json)!;
        Assert.Equal("llama.cpp b5163 (8cf427ff)", stored.Engine);
        Assert.Equal(["pp32", "tg16"], stored.Tests);
        var show = await lab.CliAsync("runs", "show", $"{stored.RunId}", "--json");
        using var document = JsonDocument.Parse(show.Output);
        var result = document.RootElement.GetProperty("results").EnumerateArray().Single().Deserialize<ResultInfo>(ApiClient.Json)!;
        Assert.Equal("llama.cpp b5163 (8cf427ff)", result.Engine);
        Assert.Equal(lab.Devices[0].Serial, result.DeviceSerial);
        Assert.Equal(Core.Models.QuantType.Q4_0, result.QuantType);
        Assert.Equal((4210.526316 + 4000.0 + 3809.52381) / 3, result.DecodeTokensPerSecond!.Value.Mean, 6);
        Assert.Equal(3, result.DecodeTokensPerSecond!.Value.Count);
        Assert.Equal(4.0, result.DecodeMsPerToken!.Value.P50 * 16, 6); // 4 ms per repetition of 16 tokens → 0.25 ms/token
        Assert.Equal(32000.0, result.PrefillTokensPerSecond!.Value.P50, 6);
        Assert.Null(result.TimeToFirstTokenMs);
        Assert.Equal("import", document.RootElement.GetProperty("run").GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task A_malformed_file_stores_nothing_and_says_why_in_one_line()
    {
        var file = lab.Scratch.Combine("broken.json");
        File.WriteAllText(file, """[ { "build_commit": "8cf427ff", "n_prompt": 0, "n_gen": 16, "samples_ns": [1], "samples_ts": ["fast"] } ]""");

        var run = await lab.CliAsync("import", "llama-bench", file, "--device", "1", "--model", "x");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: broken.json is not llama-bench output: Test 1: 'samples_ts' holds \"fast\", not a number.", run.ErrorLine);
    }

    [Fact]
    public async Task An_unknown_device_is_refused_by_the_server_in_one_line()
    {
        var file = lab.Scratch.Combine("unknown-device.json");
        File.WriteAllText(file, PromptAndGeneration);

        var run = await lab.CliAsync("import", "llama-bench", file, "--device", "R58M-not-here", "--model", "x");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("There is no device with id or serial 'R58M-not-here'.", run.ErrorLine);
    }
}
