using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeviceLab.Core.Suites;
using DeviceLab.Engine.Synthesis;
using DeviceLab.Engine.Tensors;
using DeviceLab.Testing;

namespace DeviceLab.Benchmarks.AgentHub;

/// <summary>The bench's calls to the server's REST API as an admin would make them: the model, the networked devices and their tokens, the run.</summary>
internal sealed class HubBenchApi(string baseUrl, string apiKey) : IDisposable
{
    private readonly HttpClient _http = CreateClient(baseUrl, apiKey);

    /// <summary>Uploads a tiny synthetic F16 model (a real GGUF file of a few hundred KB) and returns its F16 variant's id.</summary>
    public async Task<long> UploadTinyModelAsync()
    {
        using var folder = new TemporaryFolder("hub-bench-model");
        var path = folder.Combine("tiny-f16.gguf");
        SyntheticModel.Write(path, SyntheticShapes.Tiny, seed: 7, GgmlType.F16);
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        content.Headers.ContentType = new("application/octet-stream");
        var model = await ReadAsync(await _http.PostAsync("/api/v1/models?name=hub-bench-tiny", content), HttpStatusCode.Created, "uploading the model");
        var detail = JsonDocument.Parse(await _http.GetStringAsync($"/api/v1/models/{model.GetProperty("id").GetInt64()}")).RootElement;
        return detail.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("quantType").GetString() == "f16").GetProperty("id").GetInt64();
    }

    /// <summary>A networked device with the bench's tag, and its token.</summary>
    public async Task<(long DeviceId, string Token)> AddNetworkDeviceAsync(string name, string tag)
    {
        var device = await ReadAsync(await _http.PostAsJsonAsync("/api/v1/devices/network", new { name, tags = new[] { tag } }), HttpStatusCode.Created, $"creating device {name}");
        var deviceId = device.GetProperty("id").GetInt64();
        var token = await ReadAsync(await _http.PostAsync($"/api/v1/devices/{deviceId}/tokens", null), HttpStatusCode.Created, $"issuing the token of device {name}");
        return (deviceId, token.GetProperty("token").GetString()!);
    }

    public async Task<JsonElement> CreateRunAsync(long variantId, string tag, SuiteParameters parameters) =>
        await ReadAsync(await _http.PostAsJsonAsync("/api/v1/runs", new { variantIds = new[] { variantId }, deviceSelector = new DeviceSelector([tag], []), parameters }),
            HttpStatusCode.Created, "creating the run");

    /// <summary>Waits until the run has ended (succeeded, failed or cancelled) and returns it with its jobs and their attempts.</summary>
    public async Task<JsonElement> WaitForRunEndAsync(long runId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var run = JsonDocument.Parse(await _http.GetStringAsync($"/api/v1/runs/{runId}")).RootElement;
            if (run.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled" || DateTime.UtcNow > deadline) return run;
            await Task.Delay(250);
        }
    }

    public void Dispose() => _http.Dispose();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != expected && !(expected == HttpStatusCode.Created && response.StatusCode == HttpStatusCode.OK))
                throw new InvalidOperationException($"{what}: the server answered {(int)response.StatusCode} {response.StatusCode}: {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    private static HttpClient CreateClient(string baseUrl, string apiKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }
}
