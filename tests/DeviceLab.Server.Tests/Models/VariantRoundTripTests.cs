using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using DeviceLab.Engine.Gguf;
using DeviceLab.Engine.Tensors;
using DeviceLab.Server.Auth;
using DeviceLab.Testing;

namespace DeviceLab.Server.Tests.Models;

/// <summary>Upload → build variants with the engine (Hangfire job) → download with Range, on real PostgreSQL.</summary>
public sealed class VariantRoundTripTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_F16_upload_is_built_into_Q8_0_and_Q4_0_and_each_file_downloads_whole_and_in_ranges()
    {
        using var client = server.CreateClient(DeviceLabRole.Operator);
        var modelId = await UploadAsync(client, "round-trip", ModelFiles.TinyF16);

        using var build = await client.PostAsJsonAsync($"/api/v1/models/{modelId}/variants:build", new { quants = new[] { "q8_0", "Q4_0" } });
        Assert.Equal(HttpStatusCode.Accepted, build.StatusCode);
        var pending = JsonDocument.Parse(await build.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["q8_0", "q4_0"], pending.EnumerateArray().Select(v => v.GetProperty("quantType").GetString()));

        var model = await WaitForBuildsAsync(client, modelId);
        var variants = model.GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal(["f16", "q8_0", "q4_0"], variants.Select(v => v.GetProperty("quantType").GetString()));
        Assert.All(variants, v => Assert.Equal("ready", v.GetProperty("buildStatus").GetString()));

        using var temporary = new TemporaryFolder("variant-dl");
        foreach (var (variant, type) in variants.Skip(1).Zip(new[] { GgmlType.Q8_0, GgmlType.Q4_0 }))
        {
            var url = variant.GetProperty("downloadUrl").GetString()!;
            var sha256 = variant.GetProperty("sha256").GetString()!;
            using var whole = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
            var bytes = await whole.Content.ReadAsByteArrayAsync();
            Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(sha256, whole.Headers.GetValues("X-Content-Sha256").Single());
            Assert.Equal($"\"{sha256}\"", whole.Headers.ETag!.Tag);
            Assert.Equal(variant.GetProperty("sizeBytes").GetInt64(), bytes.Length);
            Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());

            // The engine reads what was built, and its weights are of the requested type.
            var path = temporary.Combine($"{type}.gguf");
            await File.WriteAllBytesAsync(path, bytes);
            using (var gguf = GgufFile.Open(path)) Assert.Equal(type, gguf.GetTensor("blk.0.attn_q.weight").Type);

            // A resumed download: the tail from an offset, and a range in the middle.
            using var tail = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(1000, null) } };
            using var tailResponse = await client.SendAsync(tail);
            Assert.Equal(HttpStatusCode.PartialContent, tailResponse.StatusCode);
            Assert.Equal(bytes[1000..], await tailResponse.Content.ReadAsByteArrayAsync());
            using var middle = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(10, 99) } };
            using var middleResponse = await client.SendAsync(middle);
            Assert.Equal(HttpStatusCode.PartialContent, middleResponse.StatusCode);
            Assert.Equal($"bytes 10-99/{bytes.Length}", middleResponse.Content.Headers.ContentRange!.ToString());
            Assert.Equal(bytes[10..100], await middleResponse.Content.ReadAsByteArrayAsync());
        }

        // Asking again changes nothing: ready variants are kept, no new builds.
        using var repeat = await client.PostAsJsonAsync($"/api/v1/models/{modelId}/variants:build", new { quants = new[] { "q8_0" } });
        Assert.Equal("ready", JsonDocument.Parse(await repeat.Content.ReadAsStringAsync()).RootElement[0].GetProperty("buildStatus").GetString());
    }

    [Fact]
    public async Task A_variant_that_is_not_ready_has_no_file()
    {
        using var client = server.CreateClient(DeviceLabRole.Operator);
        var modelId = await UploadAsync(client, "missing-source", ModelFiles.TinyF32);
        var model = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/models/{modelId}")).RootElement;
        // The upload's file disappears from the store (a disk replaced, a bad restore): the build fails and says why.
        File.Delete(Path.Combine(server.DataDirectory, "artifacts", "sha256", model.GetProperty("variants")[0].GetProperty("sha256").GetString()![..2],
            model.GetProperty("variants")[0].GetProperty("sha256").GetString()!));

        await client.PostAsJsonAsync($"/api/v1/models/{modelId}/variants:build", new { quants = new[] { "q4_0" } });
        var built = await WaitForBuildsAsync(client, modelId);

        var failed = built.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("quantType").GetString() == "q4_0");
        Assert.Equal("failed", failed.GetProperty("buildStatus").GetString());
        Assert.Contains("missing from the artifact store", failed.GetProperty("buildError").GetString());
        using var download = await client.GetAsync($"/api/v1/variants/{failed.GetProperty("id").GetInt64()}/file");
        Assert.Equal(HttpStatusCode.Conflict, download.StatusCode);
    }

    [Theory]
    [InlineData("q5_1", "is not a quantization")]
    [InlineData("q4_k", "Cannot build a Q4_K variant")]
    [InlineData("7", "is not a quantization")]
    public async Task A_quantization_the_engine_cannot_build_is_refused(string quant, string expected)
    {
        using var client = server.CreateClient(DeviceLabRole.Operator);
        var modelId = await UploadAsync(client, $"refused-{quant}", ModelFiles.TinyF16);

        using var response = await client.PostAsJsonAsync($"/api/v1/models/{modelId}/variants:build", new { quants = new[] { quant } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    private static async Task<long> UploadAsync(HttpClient client, string name, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await client.PostAsync($"/api/v1/models?name={name}", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> WaitForBuildsAsync(HttpClient client, long modelId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var model = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/models/{modelId}")).RootElement;
            var statuses = model.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("buildStatus").GetString()).ToList();
            if (statuses.All(s => s is "ready" or "failed")) return model;
            Assert.True(DateTime.UtcNow < deadline, $"Builds not done within {Patience}: {string.Join(", ", statuses)}");
            await Task.Delay(100);
        }
    }
}
