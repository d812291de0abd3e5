using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeviceLab.Core.Suites;

namespace DeviceLab.Server.Tests.Lab;

/// <summary>Starting runs through the API and waiting for them, for the lab's tests.</summary>
public static class LabRuns
{
    /// <summary>A quick run of the tiny model: a few tokens, default admission (passes at once on a simulated battery).</summary>
    public static SuiteParameters Quick { get; } = new(PromptTokens: 16, GeneratedTokens: 16, Threads: 1, Warmups: 1, Repetitions: 2,
        Admission: new AdmissionPolicy());

    /// <summary>
    /// A run that lasts a few seconds on purpose, so a fault can be injected while it runs: the admission policy asks for a
    /// battery colder than -20 °C, which never comes, so each measured repetition waits its 1 s limit and then runs anyway
    /// (recorded as forced) — as a phone that stays warm would. Telemetry streams all the while.
    /// </summary>
    public static SuiteParameters Slow(int repetitions = 4) => new(PromptTokens: 8, GeneratedTokens: 8, Threads: 1, Warmups: 0, Repetitions: repetitions,
        Admission: new AdmissionPolicy(MinBatteryPercent: 0, MaxBatteryPercent: 100, RequireNotCharging: false, MaxBatteryTemperatureC: -20, MaxWaitMs: 1000));

    public static async Task<JsonElement> CreateRunAsync(HttpClient client, long[] variantIds, string[] tags, SuiteParameters parameters)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/runs", new
        {
            variantIds, deviceSelector = new DeviceSelector(tags, []), parameters,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<JsonElement> GetRunAsync(HttpClient client, long runId) =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/v1/runs/{runId}")).RootElement;

    /// <summary>Waits until the run has ended (succeeded, failed or cancelled) and returns it with its jobs.</summary>
    public static async Task<JsonElement> WaitForEndAsync(HttpClient client, long runId, TimeSpan? timeout = null)
    {
        var run = await Eventually.GetAsync(async () =>
        {
            var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/runs/{runId}"));
            return json.RootElement.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled" ? json : null;
        }, timeout ?? LabFixture.Patience, $"run {runId} ended");
        return run.RootElement;
    }

    /// <summary>The run's jobs, by the device they ran on first.</summary>
    public static IReadOnlyList<JsonElement> Jobs(JsonElement run) => run.GetProperty("jobs").EnumerateArray().ToList();
}
