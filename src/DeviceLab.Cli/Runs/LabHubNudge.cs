using DeviceLab.Cli.Api;
using DeviceLab.Core.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Cli.Runs;

/// <summary>
/// A lab hub connection that only says "something about this run moved" (a job or run change), so a waiting command
/// reads the run again at once instead of at its next poll. Connecting is best effort: when the hub cannot be reached
/// the caller polls, and loses nothing.
/// </summary>
internal sealed class LabHubNudge : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly SemaphoreSlim _moved = new(0);

    private LabHubNudge(HubConnection connection, long runId)
    {
        _connection = connection;
        connection.On<JobProgress>(LabHubContract.JobChanged, progress => { if (progress.RunId == runId) Nudge(); });
        connection.On<RunProgress>(LabHubContract.RunChanged, progress => { if (progress.RunId == runId) Nudge(); });
    }

    /// <returns>The connection, or null when the hub did not answer within a few seconds.</returns>
    public static async Task<LabHubNudge?> TryConnectAsync(ApiEndpoint endpoint, long runId, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(endpoint.Server, LabHubContract.Path.TrimStart('/')), options => options.AccessTokenProvider = () => Task.FromResult(endpoint.ApiKey))
            .AddJsonProtocol(json => LiveJson.Configure(json.PayloadSerializerOptions))
            .Build();
        var nudge = new LabHubNudge(connection, runId);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await connection.StartAsync(patience.Token);
            return nudge;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or InvalidOperationException or System.Net.WebSockets.WebSocketException
                                      && !cancellationToken.IsCancellationRequested)
        {
            await nudge.DisposeAsync();
            return null;
        }
    }

    /// <summary>Returns when the run moved or <paramref name="wait"/> passed.</summary>
    public async Task NextAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (await _moved.WaitAsync(wait, cancellationToken))
        {
            while (_moved.CurrentCount > 0) await _moved.WaitAsync(0, cancellationToken); // one read covers every nudge so far
        }
    }

    private void Nudge() => _moved.Release();

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _moved.Dispose();
    }
}
