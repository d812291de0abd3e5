using System.Collections.Concurrent;
using DeviceLab.Core.AgentProtocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeviceLab.Agent.Tests.Network;

/// <summary>
/// A real ASP.NET Core host on loopback (random port) with a test agent hub following <see cref="AgentHubContract"/>
/// and a variant download endpoint with Range support. It stores events with the shared parser, de-duplicating by
/// sequence number as the real server must, and can drop connections and downloads to prove nothing is lost.
/// </summary>
internal sealed class TestAgentServer : IAsyncDisposable
{
    public const string Token = "device-token-1";
    private readonly WebApplication _app;

    private TestAgentServer(WebApplication app, TestHubState state)
    {
        _app = app;
        State = state;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri Address { get; }
    public TestHubState State { get; }

    public static async Task<TestAgentServer> StartAsync(string variantDirectory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var state = new TestHubState(variantDirectory);
        builder.Services.AddSingleton(state);
        builder.Services.AddSignalR().AddJsonProtocol(o => AgentProtocolJsonContext.Register(o.PayloadSerializerOptions));
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            var bearer = context.Request.Headers.Authorization.ToString();
            var token = bearer.StartsWith("Bearer ", StringComparison.Ordinal) ? bearer[7..] : context.Request.Query["access_token"].ToString();
            if (token != Token)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            await next(context);
        });
        app.MapHub<TestAgentHub>(AgentHubContract.Path);
        app.MapGet("/variants/{name}", (string name, HttpContext context) => state.ServeVariantAsync(name, context));
        await app.StartAsync();
        return new TestAgentServer(app, state);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>What the test hub saw, and the faults it is told to inject.</summary>
internal sealed class TestHubState(string variantDirectory)
{
    private int _batches;
    private int _downloadRequests;

    public AgentJob? Job { get; set; }
    public ConcurrentDictionary<long, AgentEvent> Events { get; } = new();
    public ConcurrentQueue<AgentEventParseError> ParseErrors { get; } = new();
    public ConcurrentQueue<AgentRegistration> Registrations { get; } = new();
    public ConcurrentQueue<string?> RangeHeaders { get; } = new();
    public TaskCompletionSource<AgentJobOutcome> Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public int Duplicates;

    /// <summary>Abort the hub connection after storing (but before acknowledging) this batch number (1-based); 0 = never.</summary>
    public int DropConnectionAfterBatch { get; set; }

    /// <summary>Cut the first download off after this many bytes; 0 = never.</summary>
    public long CutFirstDownloadAfterBytes { get; set; }

    public int Batches => _batches;

    public long StoredThroughSeq()
    {
        long seq = 0;
        while (Events.ContainsKey(seq + 1)) seq++;
        return seq;
    }

    public (bool Drop, long Acked) Store(AgentEventBatch batch)
    {
        long line = 0;
        foreach (var text in batch.Lines)
        {
            var parsed = AgentEventParser.Parse(text, ++line);
            if (parsed.Error is { } error) ParseErrors.Enqueue(error);
            else if (parsed.Event is { } e && !Events.TryAdd(e.Seq, e)) Interlocked.Increment(ref Duplicates);
        }
        var number = Interlocked.Increment(ref _batches);
        return (number == DropConnectionAfterBatch, StoredThroughSeq());
    }

    public async Task ServeVariantAsync(string name, HttpContext context)
    {
        RangeHeaders.Enqueue(context.Request.Headers.Range.ToString() is { Length: > 0 } r ? r : null);
        var path = Path.Combine(variantDirectory, Path.GetFileName(name));
        if (!File.Exists(path))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (Interlocked.Increment(ref _downloadRequests) == 1 && CutFirstDownloadAfterBytes > 0)
        {
            // Promise the whole file, send part of it, then drop the connection: a cable pulled mid-download.
            var bytes = await File.ReadAllBytesAsync(path);
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, (int)CutFirstDownloadAfterBytes));
            await context.Response.Body.FlushAsync();
            context.Abort();
            return;
        }
        await Results.File(path, "application/octet-stream", enableRangeProcessing: true).ExecuteAsync(context);
    }
}

/// <summary>The test hub: the contract's three methods.</summary>
internal sealed class TestAgentHub(TestHubState state) : Hub<IAgentHubClient>, IAgentHub
{
    public async Task Register(AgentRegistration registration)
    {
        state.Registrations.Enqueue(registration);
        if (state.Job is { } job && !state.Completed.Task.IsCompleted && registration.RunningJobId is null) await Clients.Caller.AssignJob(job);
    }

    public async Task<AgentEventAck> PublishEvents(AgentEventBatch batch)
    {
        var (drop, acked) = state.Store(batch);
        if (drop)
        {
            // Stored but never acknowledged: wait until the aborted connection is gone so no reply can slip out.
            Context.Abort();
            await Task.Delay(Timeout.Infinite, Context.ConnectionAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        return new AgentEventAck(batch.JobId, acked);
    }

    public Task CompleteJob(AgentJobOutcome outcome)
    {
        state.Completed.TrySetResult(outcome);
        return Task.CompletedTask;
    }
}
