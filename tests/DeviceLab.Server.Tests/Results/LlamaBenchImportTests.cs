using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DeviceLab.Core.Models;
using DeviceLab.Core.Runs;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Fleet;
using DeviceLab.Server.Models;
using DeviceLab.Server.Results;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests.Results;

/// <summary><c>POST /api/v1/results:import-llama-bench</c> on a real database: what is stored, and every refusal storing nothing.</summary>
public sealed class LlamaBenchImportTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    private static string Test(int nPrompt, int nGen, int threads, string samplesNs, string samplesTs) => $$"""
        { "build_commit": "b1a2c3d4", "build_number": 6001, "cpu_info": "Cortex-A78", "gpu_info": "", "backends": "CPU",
          "model_filename": "m-q8_0.gguf", "model_type": "llama 135M Q8_0", "model_size": 145000000, "model_n_params": 134515008,
          "n_threads": {{threads}}, "n_prompt": {{nPrompt}}, "n_gen": {{nGen}}, "test_time": "2026-11-20T10:00:00Z",
          "avg_ns": 1, "stddev_ns": 0, "avg_ts": 1, "stddev_ts": 0, "samples_ns": [{{samplesNs}}], "samples_ts": [{{samplesTs}}] }
        """;

    [Fact]
    public async Task A_prompt_and_a_generation_test_become_one_result_of_the_device_with_the_llama_cpp_engine()
    {
        var (device, variant) = await SeedAsync("import-ok");
        var body = $"[{Test(64, 0, 4, "100000000, 110000000", "640.0, 581.818182")},{Test(0, 32, 4, "200000000, 220000000", "160.0, 145.454545")}]";

        var response = await PostAsync(body, $"device={Uri.EscapeDataString(device.Serial)}&model=import-ok");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = (await response.Content.ReadFromJsonAsync<LlamaBenchImportResult>())!;
        Assert.Equal((device.Id, variant.Id, "llama.cpp b6001 (b1a2c3d4)"), (stored.DeviceId, stored.VariantId, stored.Engine));
        await using var db = server.CreateDbContext();
        var result = await db.Results.Include(r => r.RunJob).ThenInclude(j => j.Run).SingleAsync(r => r.Id == stored.ResultId);
        Assert.Equal(RunTrigger.Import, result.RunJob.Run.Trigger);
        Assert.Equal(RunStatus.Succeeded, result.RunJob.Run.Status);
        Assert.Equal(RunJobStatus.Succeeded, result.RunJob.Status);
        Assert.Equal((640.0 + 581.818182) / 2, result.PrefillTokensPerSecond!.Value.Mean, 6);
        Assert.Equal([200.0 / 32, 220.0 / 32], new[] { result.DecodeMsPerToken!.Value.Min, result.DecodeMsPerToken!.Value.Max });
        Assert.Null(result.TimeToFirstTokenMs);
        Assert.Null(result.PeakMemoryBytes);
        Assert.False(result.EnergyValid);
        var context = result.Context!.Value;
        Assert.Equal("llama.cpp b6001 (b1a2c3d4)", context.GetProperty(LlamaBenchImport.EngineKey).GetString());
        Assert.Equal(2, context.GetProperty("tests").GetArrayLength());
        Assert.Equal("Cortex-A78", context.GetProperty("llama_cpp").GetProperty("cpu_info").GetString());
    }

    [Theory]
    [InlineData("[]", 400, "no llama-bench tests")]
    [InlineData("not json", 400, "starts with neither")]
    [InlineData("MIXED_THREADS", 400, "The file mixes n_threads: 4, 8; choose one with threads.")]
    [InlineData("TWO_PROMPTS", 400, "prompt tests with n_prompt 64, 128; choose one with promptTokens.")]
    public async Task A_file_that_cannot_be_one_result_is_refused_and_nothing_is_stored(string body, int status, string detail)
    {
        var (device, _) = await SeedAsync($"import-bad-{status}-{detail.Length}");
        body = body switch
        {
            "MIXED_THREADS" => $"[{Test(64, 0, 4, "1000", "64000")},{Test(0, 32, 8, "1000", "32000")}]",
            "TWO_PROMPTS" => $"[{Test(64, 0, 4, "1000", "64000")},{Test(128, 0, 4, "1000", "128000")}]",
            _ => body,
        };
        await using var before = server.CreateDbContext();
        var results = await before.Results.CountAsync();

        var response = await PostAsync(body, $"device={device.Id}&model=import-bad-{status}-{detail.Length}");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(detail, await response.Content.ReadAsStringAsync());
        await using var after = server.CreateDbContext();
        Assert.Equal(results, await after.Results.CountAsync());
    }

    [Fact]
    public async Task Unknown_devices_models_and_missing_quantizations_are_named()
    {
        var (device, _) = await SeedAsync("import-unknown");
        var body = $"[{Test(0, 32, 4, "1000", "32000")}]";

        Assert.Contains("There is no device with id or serial 'nope'.", await (await PostAsync(body, "device=nope&model=import-unknown")).Content.ReadAsStringAsync());
        Assert.Contains("There is no model 'nope'.", await (await PostAsync(body, $"device={device.Id}&model=nope")).Content.ReadAsStringAsync());
        var q4 = $"[{Test(0, 32, 4, "1000", "32000").Replace("Q8_0", "Q4_0")}]";
        Assert.Contains("Model import-unknown has no Q4_0 variant (it has F16, Q8_0)",
            await (await PostAsync(q4, $"device={device.Id}&model=import-unknown")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(body, $"device={device.Id}&model=import-unknown", DeviceLabRole.Viewer)).StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string query, DeviceLabRole role = DeviceLabRole.Operator)
    {
        using var client = server.CreateClient(role);
        return await client.PostAsync($"/api/v1/results:import-llama-bench?{query}", new StringContent(body, Encoding.UTF8, "application/json"));
    }

    /// <summary>A device and a model with F16 and Q8_0 variants, straight in the tables.</summary>
    private async Task<(Device Device, Variant Q8)> SeedAsync(string name)
    {
        await using var db = server.CreateDbContext();
        var host = await db.LabHosts.FirstOrDefaultAsync(h => h.Name == "import-host")
                   ?? db.LabHosts.Add(new LabHost { Name = "import-host", QueueName = "import_host", CreatedAt = DateTimeOffset.UtcNow, LastSeenAt = DateTimeOffset.UtcNow }).Entity;
        var device = new Device { LabHost = host, Serial = $"serial-{name}", Model = "Pixel 8", Abi = "arm64-v8a", CreatedAt = DateTimeOffset.UtcNow };
        var model = new Model { Name = name, Architecture = "llama", CreatedAt = DateTimeOffset.UtcNow };
        var f16 = new Variant { Model = model, QuantType = QuantType.F16, BuildStatus = VariantBuildStatus.Ready, CreatedAt = DateTimeOffset.UtcNow };
        var q8 = new Variant { Model = model, QuantType = QuantType.Q8_0, BuildStatus = VariantBuildStatus.Ready, ParentVariant = f16, CreatedAt = DateTimeOffset.UtcNow };
        db.AddRange(device, model, f16, q8);
        await db.SaveChangesAsync();
        return (device, q8);
    }
}
