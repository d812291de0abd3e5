using System.Text.Json;
using DeviceLab.Core.Devices;
using DeviceLab.Core.Live;
using DeviceLab.Core.Runs;

namespace DeviceLab.Core.Tests.Live;

/// <summary>The lab hub's wire format: snake_case names, enums as snake_case words, nulls left out — the same on every client.</summary>
public sealed class LiveJsonTests
{
    private static readonly JsonSerializerOptions Options = LiveJson.CreateOptions();

    [Fact]
    public void Job_progress_is_written_in_snake_case_with_enum_words()
    {
        var progress = new JobProgress(7, 12, 2, 3, RunJobStatus.WaitingForDevice, JobSteps.WaitingForLease, 0, 6, null, null, false,
            new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));

        var json = JsonSerializer.Serialize(progress, Options);

        Assert.Contains("\"run_job_id\":12", json);
        Assert.Contains("\"status\":\"waiting_for_device\"", json);
        Assert.Contains("\"step\":\"waiting_for_lease\"", json);
        Assert.DoesNotContain("error_code", json);
        Assert.Equal(progress, JsonSerializer.Deserialize<JobProgress>(json, Options));
    }

    [Fact]
    public void Device_changes_and_run_progress_round_trip()
    {
        var change = new DeviceStateChanged(1, "127.0.0.1:40001", "lab-1", "Pixel 7", DeviceState.Offline, DeviceState.Busy, false,
            "liveness probe failed: device offline", DateTimeOffset.UnixEpoch);
        var run = new RunProgress(9, null, RunStatus.Running, new RunJobTally(2, 0, 1, 1, 0, 0, 0), DateTimeOffset.UnixEpoch);

        var changeJson = JsonSerializer.Serialize(change, Options);
        Assert.Contains("\"previous_state\":\"busy\"", changeJson);
        Assert.Equal(change, JsonSerializer.Deserialize<DeviceStateChanged>(changeJson, Options));
        var runBack = JsonSerializer.Deserialize<RunProgress>(JsonSerializer.Serialize(run, Options), Options)!;
        Assert.Equal(run.Jobs, runBack.Jobs);
        Assert.Equal(RunStatus.Running, runBack.Status);
    }

    [Fact]
    public void Telemetry_batches_keep_their_points()
    {
        var batch = new TelemetryBatch(1, 2, 1, 3, [new TelemetryPoint(250, "thermal.zone/thermal_zone0", 41.5, "°C", "simulated")], DateTimeOffset.UnixEpoch);
        var back = JsonSerializer.Deserialize<TelemetryBatch>(JsonSerializer.Serialize(batch, Options), Options)!;
        Assert.Equal(batch.Samples, back.Samples);
    }
}
