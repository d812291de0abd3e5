using System.Text.Json;
using DeviceLab.Cli.Models;

namespace DeviceLab.Cli.Tests.Lab;

/// <summary>Tiny synthetic F16 models (a few hundred kB; different seeds, so different sha256s) put on the lab server with the CLI.</summary>
internal static class LabModels
{
    /// <summary>Writes a tiny F16 model with <paramref name="seed"/> into the lab's scratch folder.</summary>
    public static string Synthesize(LabServer lab, int seed)
    {
        var path = lab.Scratch.Combine($"tiny-f16-seed{seed}.gguf");
        if (!File.Exists(path))
        {
            var run = CliRun.Invoke("models", "synth", "--shape", "tiny", "--seed", $"{seed}", "--type", "f16", "--out", path);
            Assert.True(run.ExitCode == 0, run.ToString());
        }
        return path;
    }

    /// <summary>Uploads a tiny model named <paramref name="name"/> and builds its Q8_0 and Q4_0 variants (through the CLI).</summary>
    public static async Task<ModelInfo> UploadAndBuildAsync(LabServer lab, string name, int seed)
    {
        var upload = await lab.CliAsync("models", "upload", Synthesize(lab, seed), "--name", name, "--json");
        Assert.True(upload.ExitCode == 0, upload.ToString());
        var build = await lab.CliAsync("models", "build", name, "--quant", "q8_0,q4_0", "--json");
        Assert.True(build.ExitCode == 0, build.ToString());
        return JsonSerializer.Deserialize<ModelInfo>(build.Output, DeviceLab.Cli.Api.ApiClient.Json)!;
    }
}
