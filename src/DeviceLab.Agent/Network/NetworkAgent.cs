using System.Net;
using System.Threading.Channels;
using DeviceLab.Agent.Benchmark;
using DeviceLab.Agent.Device;
using DeviceLab.Agent.Output;
using DeviceLab.Agent.Telemetry;
using DeviceLab.Core.AgentProtocol;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Agent.Network;

/// <summary>
/// Network mode: connects to the server's agent hub with a device token, receives jobs, downloads their variants,
/// runs the same benchmark as ADB mode and streams the same events through an <see cref="EventOutbox"/>, so a
/// dropped connection (reconnected with back-off) loses nothing.
/// </summary>
public sealed class NetworkAgent : IAsyncDisposable
{
    private readonly ConnectOptions _options;
    private readonly AgentConsole _console;
    private readonly HubConnection _connection;
    private readonly HttpClient _http;
    private readonly ReconnectBackoff _backoff;
    private readonly Channel<AgentJob> _jobs = Channel.CreateUnbounded<AgentJob>();
    private readonly HashSet<string> _seenJobs = [];
    private readonly DeviceFingerprint _device;
    private CancellationTokenSource? _currentJob;
    private CancellationToken _lifetime;
    private string? _currentJobId;

    public NetworkAgent(ConnectOptions options, AgentConsole console)
    {
        _options = options;
        _console = console;
        _backoff = new ReconnectBackoff(options.ReconnectBaseDelay ?? TimeSpan.FromMilliseconds(500), options.ReconnectMaxDelay ?? TimeSpan.FromSeconds(30));
        _device = DeviceFingerprintReader.Read(options.DeclaredVirtual, options.ProcfsRoot);
        _http = new HttpClient { BaseAddress = options.Server, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new("Bearer", options.DeviceToken);
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(options.Server, AgentHubContract.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(options.DeviceToken))
            .WithAutomaticReconnect(_backoff)
            .AddJsonProtocol(o => AgentProtocolJsonContext.Register(o.PayloadSerializerOptions))
            .Build();
        _connection.On<AgentJob>(AgentHubContract.AssignJob, OnAssignJob);
        _connection.On<AgentJobCancellation>(AgentHubContract.CancelJob, OnCancelJob);
        _connection.Reconnecting += e =>
        {
            Log($"connection lost ({e?.Message ?? "closed"}); reconnecting");
            return Task.CompletedTask;
        };
        _connection.Reconnected += async _ =>
        {
            Log("reconnected");
            await RegisterAsync(CancellationToken.None).ConfigureAwait(false);
        };
        _connection.Closed += async e =>
        {
            // Automatic reconnect never gives up, so this means the server ended the connection for good (or we stop).
            if (_lifetime.IsCancellationRequested) return;
            Log($"connection closed ({e?.Message ?? "by the server"}); connecting again");
            try
            {
                await ConnectAsync(_lifetime).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is OperationCanceledException or HttpRequestException)
            {
                Log($"giving up on the connection: {failure.Message}");
            }
        };
    }

    /// <summary>Serves jobs until cancelled (or after one job with <see cref="ConnectOptions.Once"/>); returns the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        _lifetime = cancellationToken;
        try
        {
            await ConnectAsync(cancellationToken).ConfigureAwait(false);
            var exitCode = AgentExitCodes.Success;
            await foreach (var job in _jobs.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                exitCode = await RunJobAsync(job, cancellationToken).ConfigureAwait(false);
                if (_options.Once) return exitCode;
            }
            return exitCode;
        }
        catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            Log($"the server refused the device token ({(int)e.StatusCode!}): check --device-token");
            return AgentExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return AgentExitCodes.Cancelled;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
        _currentJob?.Dispose();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0L; ; attempt++)
        {
            await Task.Delay(_backoff.Delay(attempt), cancellationToken).ConfigureAwait(false);
            try
            {
                await _connection.StartAsync(cancellationToken).ConfigureAwait(false);
                await RegisterAsync(cancellationToken).ConfigureAwait(false);
                Log($"connected to {_options.Server}");
                return;
            }
            catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or System.Net.WebSockets.WebSocketException or TimeoutException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                Log($"cannot reach {_options.Server} ({e.Message}); retrying");
            }
        }
    }

    private Task RegisterAsync(CancellationToken cancellationToken) =>
        _connection.InvokeAsync(AgentHubContract.Register,
            new AgentRegistration(_device, AgentIdentity.AgentVersion, AgentIdentity.EngineVersionText, _currentJobId), cancellationToken);

    private void OnAssignJob(AgentJob job)
    {
        lock (_seenJobs)
        {
            // The server may hand out the same job again after a reconnect; run each job once.
            if (!_seenJobs.Add(job.JobId)) return;
        }
        _jobs.Writer.TryWrite(job);
    }

    private void OnCancelJob(AgentJobCancellation cancellation)
    {
        if (cancellation.JobId == _currentJobId)
        {
            Log($"server cancelled job {cancellation.JobId}: {cancellation.Reason}");
            _currentJob?.Cancel();
        }
    }

    private async Task<int> RunJobAsync(AgentJob job, CancellationToken cancellationToken)
    {
        Log($"job {job.JobId}: {job.Variants.Count} variant(s)");
        var outbox = new EventOutbox(job.JobId);
        var events = new AgentEventStream(outbox, new AgentClock(_console.Time));
        using var jobCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _currentJob = jobCancellation;
        _currentJobId = job.JobId;
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sender = SendLoopAsync(outbox, stopSending.Token);
        int exitCode;
        try
        {
            var request = await PrepareAsync(job, jobCancellation.Token).ConfigureAwait(false);
            exitCode = await BenchmarkRunner.RunAsync(request, events, _console.Log, jobCancellation.Token).ConfigureAwait(false);
        }
        catch (AgentInputException e)
        {
            events.EmitNow(AgentIdentity.EarlyHello(_device, "network", job.Parameters));
            events.Error(e.Code, e.Message, fatal: true, e.Variant);
            exitCode = AgentExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (jobCancellation.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            events.EmitNow(AgentIdentity.EarlyHello(_device, "network", job.Parameters));
            events.Error(AgentErrorCodes.Cancelled, $"job {job.JobId} was cancelled by the server while preparing", fatal: true);
            exitCode = AgentExitCodes.Cancelled;
        }

        await outbox.DrainedAsync(cancellationToken).ConfigureAwait(false);
        await stopSending.CancelAsync().ConfigureAwait(false);
        await sender.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await CompleteAsync(new AgentJobOutcome(job.JobId, exitCode, outbox.LastSeq), cancellationToken).ConfigureAwait(false);
        _currentJobId = null;
        _currentJob = null;
        Log($"job {job.JobId} finished with exit code {exitCode}");
        return exitCode;
    }

    private async Task<BenchRequest> PrepareAsync(AgentJob job, CancellationToken cancellationToken)
    {
        var downloader = new VariantDownloader(_http, Path.Combine(_options.WorkDirectory, "variants"), _console.Log);
        var variants = new List<VariantFile>();
        foreach (var v in job.Variants)
        {
            var path = await downloader.DownloadAsync(v, cancellationToken).ConfigureAwait(false);
            variants.Add(new VariantFile(v.Label, path, v.Sha256));
        }
        string? evalText = null;
        if (job.EvaluationTextUrl is { } url)
        {
            var safeId = new string(job.JobId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
            evalText = Path.Combine(_options.WorkDirectory, $"eval-{safeId}.txt");
            await File.WriteAllBytesAsync(evalText, await _http.GetByteArrayAsync(url, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        string? reference = null;
        if (job.Parameters.ReferenceVariant is { } label)
        {
            reference = variants.FirstOrDefault(v => v.Label == label)?.Path
                ?? throw new AgentInputException(AgentErrorCodes.BadArguments, $"reference variant '{label}' is not one of the job's variants");
        }
        var request = new BenchRequest(variants, job.Parameters,
            new TelemetryOptions(_options.SysfsRoot, _options.ProcfsRoot, _options.SimulatedPower || job.Parameters.SimulatedPower, job.Parameters.TelemetryIntervalMs),
            evalText, reference, _options.DeclaredVirtual, "network");
        return request;
    }

    private async Task SendLoopAsync(EventOutbox outbox, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await outbox.WaitForEventsAsync(cancellationToken).ConfigureAwait(false);
            var lines = outbox.Peek(_options.BatchLines);
            if (lines.Count == 0) continue;
            if (_connection.State != HubConnectionState.Connected)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                continue;
            }
            try
            {
                var ack = await _connection.InvokeAsync<AgentEventAck>(AgentHubContract.PublishEvents, new AgentEventBatch(outbox.JobId, lines), cancellationToken).ConfigureAwait(false);
                outbox.Acknowledge(ack.StoredThroughSeq);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Not acknowledged: the same events go again once the connection is back.
                Log($"sending events failed ({e.Message}); {outbox.PendingCount} kept for re-sending");
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task CompleteAsync(AgentJobOutcome outcome, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                if (_connection.State == HubConnectionState.Connected)
                {
                    await _connection.InvokeAsync(AgentHubContract.CompleteJob, outcome, cancellationToken).ConfigureAwait(false);
                    return;
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                Log($"reporting the end of job {outcome.JobId} failed ({e.Message}); retrying");
            }
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Log(string message) => _console.Log.WriteLine($"devicelab-agent: {message}");
}
