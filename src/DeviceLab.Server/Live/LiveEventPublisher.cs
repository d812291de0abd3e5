using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DeviceLab.Core.Live;
using DeviceLab.Server.Data;
using Npgsql;

namespace DeviceLab.Server.Live;

/// <summary>
/// Publishes lab hub events through PostgreSQL NOTIFY, so every node's hub forwards them to its clients. Called inside
/// the transaction that stores what the event describes: NOTIFY is delivered on commit, so clients never see data
/// that was rolled back (a fenced-out write publishes nothing). Payloads over the NOTIFY limit are split
/// (samples, tokens) before sending.
/// </summary>
public sealed class LiveEventPublisher(DeviceLabDataSource dataSource)
{
    public Task DeviceChangedAsync(DeviceStateChanged change, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        SendAsync(connection, transaction, LiveEventKind.Device, change, LiveJsonContext.Default.DeviceStateChanged, cancellationToken);

    public Task RunChangedAsync(RunProgress progress, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        SendAsync(connection, transaction, LiveEventKind.Run, progress, LiveJsonContext.Default.RunProgress, cancellationToken);

    public Task JobChangedAsync(JobProgress progress, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        SendAsync(connection, transaction, LiveEventKind.Job, progress, LiveJsonContext.Default.JobProgress, cancellationToken);

    public Task PhaseMarkedAsync(AgentPhaseMark mark, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        SendAsync(connection, transaction, LiveEventKind.Phase, mark, LiveJsonContext.Default.AgentPhaseMark, cancellationToken);

    public async Task TelemetryAsync(TelemetryBatch batch, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        foreach (var part in Split(batch.Samples, samples => batch with { Samples = samples }, LiveJsonContext.Default.TelemetryBatch))
            await SendAsync(connection, transaction, LiveEventKind.Telemetry, part, LiveJsonContext.Default.TelemetryBatch, cancellationToken);
    }

    public async Task TokensAsync(TokenTimingBatch batch, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        foreach (var part in Split(batch.Tokens, tokens => batch with { Tokens = tokens }, LiveJsonContext.Default.TokenTimingBatch))
            await SendAsync(connection, transaction, LiveEventKind.Tokens, part, LiveJsonContext.Default.TokenTimingBatch, cancellationToken);
    }

    /// <summary>Asks whichever node runs <paramref name="runJobId"/> to stop it (delivered on commit).</summary>
    public static async Task RequestCancelAsync(long runJobId, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await NotifyAsync(connection, transaction, LiveChannels.Control, $"cancel:{runJobId}", cancellationToken);
    }

    /// <summary>Publishes outside any transaction (on a connection of its own).</summary>
    public async Task PublishAsync(Func<NpgsqlConnection, Task> publish, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await publish(connection);
    }

    private static Task SendAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string kind, T payload, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var envelope = Envelope(kind, payload, typeInfo);
        if (Encoding.UTF8.GetByteCount(envelope) > LiveChannels.MaxPayloadBytes)
            throw new InvalidOperationException($"live event '{kind}' is {Encoding.UTF8.GetByteCount(envelope)} bytes, over the NOTIFY limit; it should have been split");
        return NotifyAsync(connection, transaction, LiveChannels.Events, envelope, cancellationToken);
    }

    internal static string Envelope<T>(string kind, T payload, JsonTypeInfo<T> typeInfo) =>
        $"{{\"k\":\"{kind}\",\"d\":{JsonSerializer.Serialize(payload, typeInfo)}}}";

    private static async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string channel, string payload, CancellationToken cancellationToken)
    {
        await using var notify = new NpgsqlCommand("SELECT pg_notify($1, $2)", connection, transaction)
        {
            Parameters = { new() { Value = channel }, new() { Value = payload } },
        };
        await notify.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Halves a list until each part's envelope fits the NOTIFY limit.</summary>
    internal static IEnumerable<TBatch> Split<TItem, TBatch>(IReadOnlyList<TItem> items, Func<IReadOnlyList<TItem>, TBatch> batchOf, JsonTypeInfo<TBatch> typeInfo)
    {
        var pending = new Stack<IReadOnlyList<TItem>>();
        pending.Push(items);
        var ordered = new List<TBatch>();
        while (pending.TryPop(out var part))
        {
            var batch = batchOf(part);
            if (part.Count <= 1 || Encoding.UTF8.GetByteCount(Envelope("x", batch, typeInfo)) <= LiveChannels.MaxPayloadBytes - 16)
            {
                ordered.Add(batch);
                continue;
            }
            var half = part.Count / 2;
            // Second half first onto the stack, so the first half is popped (and sent) first: order is kept.
            pending.Push(part.Skip(half).ToArray());
            pending.Push(part.Take(half).ToArray());
        }
        return ordered;
    }
}
