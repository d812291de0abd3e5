using System.Text.Json;
using DeviceLab.Core.Live;
using DeviceLab.Server.Data;
using DeviceLab.Server.Runs.Execution;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace DeviceLab.Server.Live;

/// <summary>
/// Every node keeps one connection LISTENing on the live and control channels: live events go to this node's lab hub
/// clients (and <see cref="LiveEventFeed"/>), cancel instructions to the attempts running here. Reconnects with
/// back-off when the database connection drops; events sent meanwhile are lost for live viewers only (they are stored).
/// </summary>
internal sealed class LiveListener(
    DeviceLabDataSource dataSource,
    IHubContext<LabHub, ILabHubClient> hub,
    LiveEventFeed feed,
    RunningAttempts runningAttempts,
    ILogger<LiveListener> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = LiveJson.CreateOptions();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
            {
                logger.LogWarning("Live event listener lost its database connection ({Error}); reconnecting in {DelayMs} ms", e.Message, delay.TotalMilliseconds);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        // Its own connection, outside the pool: LISTEN belongs to one session for its whole life.
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString) { Pooling = false, KeepAlive = 15 };
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, e) => Dispatch(e.Channel, e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {LiveChannels.Events}; LISTEN {LiveChannels.Control}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }
        logger.LogDebug("Listening for live events");
        while (true) await connection.WaitAsync(stoppingToken);
    }

    private void Dispatch(string channel, string payload)
    {
        try
        {
            if (channel == LiveChannels.Control) Control(payload);
            else Forward(payload);
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException)
        {
            logger.LogWarning("Ignored a malformed {Channel} notification ({Error}): {Payload}", channel, e.Message, payload.Length > 200 ? payload[..200] : payload);
        }
    }

    private void Control(string payload)
    {
        const string cancel = "cancel:";
        if (payload.StartsWith(cancel, StringComparison.Ordinal) && long.TryParse(payload.AsSpan(cancel.Length), out var runJobId))
            runningAttempts.Cancel(runJobId);
        else
            throw new FormatException($"unknown control message '{payload}'");
    }

    private void Forward(string payload)
    {
        using var envelope = JsonDocument.Parse(payload);
        var kind = envelope.RootElement.GetProperty("k").GetString();
        var data = envelope.RootElement.GetProperty("d");
        // Fire and forget per message: the hub queues per connection; the listener must not wait on slow clients.
        switch (kind)
        {
            case LiveEventKind.Device:
                Send(data.Deserialize(LiveJsonContext.Default.DeviceStateChanged)!, (e) => hub.Clients.All.DeviceChanged(e));
                break;
            case LiveEventKind.Run:
                Send(data.Deserialize(LiveJsonContext.Default.RunProgress)!, (e) => hub.Clients.All.RunChanged(e));
                break;
            case LiveEventKind.Job:
                Send(data.Deserialize(LiveJsonContext.Default.JobProgress)!, (e) => hub.Clients.All.JobChanged(e));
                break;
            case LiveEventKind.Telemetry:
                Send(data.Deserialize(LiveJsonContext.Default.TelemetryBatch)!, (e) => hub.Clients.Group(LabHubContract.RunGroup(e.RunId)).TelemetryReceived(e));
                break;
            case LiveEventKind.Tokens:
                Send(data.Deserialize(LiveJsonContext.Default.TokenTimingBatch)!, (e) => hub.Clients.Group(LabHubContract.RunGroup(e.RunId)).TokensReceived(e));
                break;
            case LiveEventKind.Phase:
                Send(data.Deserialize(LiveJsonContext.Default.AgentPhaseMark)!, (e) => hub.Clients.Group(LabHubContract.RunGroup(e.RunId)).PhaseMarked(e));
                break;
            default:
                throw new FormatException($"unknown live event kind '{kind}'");
        }
    }

    private void Send<T>(T liveEvent, Func<T, Task> send) where T : notnull
    {
        feed.Publish(liveEvent);
        _ = send(liveEvent).ContinueWith(
            t => logger.LogWarning(t.Exception, "Sending a live {Event} to lab hub clients failed", typeof(T).Name),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
