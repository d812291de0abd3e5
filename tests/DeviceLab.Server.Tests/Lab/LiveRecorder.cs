using System.Collections.Concurrent;
using System.Diagnostics;
using DeviceLab.Core.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeviceLab.Server.Tests.Lab;

/// <summary>A lab hub client that keeps every event it receives with the moment it arrived.</summary>
public sealed class LiveRecorder : IAsyncDisposable
{
    private readonly HubConnection _connection;

    public LiveRecorder(HubConnection connection)
    {
        _connection = connection;
        connection.On<DeviceStateChanged>(LabHubContract.DeviceChanged, e => Devices.Enqueue(e));
        connection.On<RunProgress>(LabHubContract.RunChanged, e => Runs.Enqueue(e));
        connection.On<JobProgress>(LabHubContract.JobChanged, e => Jobs.Enqueue(e));
        connection.On<TelemetryBatch>(LabHubContract.TelemetryReceived, e => Telemetry.Enqueue((e, DateTimeOffset.UtcNow)));
        connection.On<TokenTimingBatch>(LabHubContract.TokensReceived, e => Tokens.Enqueue((e, DateTimeOffset.UtcNow)));
        connection.On<AgentPhaseMark>(LabHubContract.PhaseMarked, e => Phases.Enqueue(e));
    }

    public ConcurrentQueue<DeviceStateChanged> Devices { get; } = new();
    public ConcurrentQueue<RunProgress> Runs { get; } = new();
    public ConcurrentQueue<JobProgress> Jobs { get; } = new();
    public ConcurrentQueue<(TelemetryBatch Batch, DateTimeOffset ArrivedAt)> Telemetry { get; } = new();
    public ConcurrentQueue<(TokenTimingBatch Batch, DateTimeOffset ArrivedAt)> Tokens { get; } = new();
    public ConcurrentQueue<AgentPhaseMark> Phases { get; } = new();

    public Task StartAsync() => _connection.StartAsync();

    public Task WatchRunAsync(long runId) => _connection.InvokeAsync(LabHubContract.WatchRun, runId);

    /// <summary>Server read → client received, ms, for every telemetry and token batch (both clocks are this machine's).</summary>
    public IReadOnlyList<double> LatenciesMs() =>
        Telemetry.Select(t => (t.ArrivedAt - t.Batch.ReceivedAt).TotalMilliseconds)
            .Concat(Tokens.Select(t => (t.ArrivedAt - t.Batch.ReceivedAt).TotalMilliseconds)).ToList();

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    public static double Percentile(IReadOnlyList<double> values, double fraction)
    {
        Debug.Assert(values.Count > 0);
        var sorted = values.Order().ToArray();
        return Core.Statistics.SampleSummary.Percentile(sorted, fraction);
    }
}
