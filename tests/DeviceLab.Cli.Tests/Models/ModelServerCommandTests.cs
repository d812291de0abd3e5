using System.Text.Json;
using DeviceLab.Cli.Api;
using DeviceLab.Cli.Models;
using DeviceLab.Cli.Tests.Lab;
using DeviceLab.Core.Models;

namespace DeviceLab.Cli.Tests.Models;

/// <summary><c>models upload / build / add-from-catalog</c> against the lab server.</summary>
[Collection(LabCollection.Name)]
public sealed class ModelServerCommandTests(LabServer lab)
{
    [Fact]
    public async Task Upload_then_build_gives_three_ready_variants_and_a_second_upload_of_the_same_file_changes_nothing()
    {
        var model = await LabModels.UploadAndBuildAsync(lab, "cli-upload-build", seed: 11);

        Assert.Equal([QuantType.F16, QuantType.Q8_0, QuantType.Q4_0], model.Variants.Select(v => v.QuantType));
        Assert.All(model.Variants, v => Assert.Equal(VariantBuildStatus.Ready, v.BuildStatus));
        Assert.All(model.Variants, v => Assert.Matches("^[0-9a-f]{64}$", v.Sha256!));
        var again = await lab.CliAsync("models", "upload", LabModels.Synthesize(lab, 11), "--name", "cli-upload-build", "--json");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(model.Id, JsonSerializer.Deserialize<ModelInfo>(again.Output, ApiClient.Json)!.Id);
    }

    [Fact]
    public async Task Build_prints_a_table_of_the_variants_and_refuses_a_quantization_it_does_not_know_in_one_line()
    {
        await LabModels.UploadAndBuildAsync(lab, "cli-build-table", seed: 12);

        var table = await lab.CliAsync("models", "build", "cli-build-table", "--quant", "q4_0");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("Q4_0", table.Output);
        Assert.Contains("ready", table.Output);

        var bad = await lab.CliAsync("models", "build", "cli-build-table", "--quant", "q3_k");
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal("error: --quant: 'q3_k' is not a quantization DeviceLab builds; use f32, f16, q8_0 or q4_0.", bad.ErrorLine);
    }

    [Fact]
    public async Task Add_from_catalog_synthesizes_uploads_and_builds_once_and_reuses_everything_the_second_time()
    {
        var catalog = Directory.CreateDirectory(lab.Scratch.Combine("catalog")).FullName;
        File.WriteAllText(Path.Combine(catalog, "tiny.json"),
            """{ "name": "cli-catalog-tiny", "source": { "synthetic": { "shape": "tiny", "seed": 13, "type": "f16" } }, "variants": ["q4_0"] }""");
        var cache = lab.Scratch.Combine("cache");

        var first = await lab.CliAsync("models", "add-from-catalog", "cli-catalog-tiny", "--catalog", catalog, "--cache", cache, "--json");
        Assert.True(first.ExitCode == 0, first.ToString());
        var model = JsonSerializer.Deserialize<ModelInfo>(first.Output, ApiClient.Json)!;
        Assert.Equal([QuantType.F16, QuantType.Q4_0], model.Variants.Select(v => v.QuantType));
        Assert.Single(Directory.GetFiles(cache, "*.gguf"));

        var second = await lab.CliAsync("models", "add-from-catalog", "cli-catalog-tiny", "--catalog", catalog, "--cache", cache);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains($"Model cli-catalog-tiny (id {model.Id}) is on the server already with this file", second.Error);
        Assert.DoesNotContain("upload", second.Error);
    }

    [Fact]
    public async Task Add_from_catalog_refuses_an_architecture_the_engine_does_not_run_before_downloading()
    {
        var run = await lab.CliAsync("models", "add-from-catalog", "qwen2.5-0.5b-instruct", "--cache", lab.Scratch.Combine("never"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: qwen2.5-0.5b-instruct is a qwen2 model; DeviceLab's engine runs llama models only, so it is not downloaded.", run.ErrorLine);
        Assert.False(Directory.Exists(lab.Scratch.Combine("never")) && Directory.EnumerateFiles(lab.Scratch.Combine("never")).Any());
    }
}
