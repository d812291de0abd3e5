using DeviceLab.Core.AgentProtocol;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests.Agents;

/// <summary>
/// A bare agent-hub connection with a device token, speaking the contract directly — for what the real agent never
/// does on its own: publishing for another device's job, or sending malformed lines.
/// </summary>
public sealed class HubAgentClient : IAsyncDisposable
{
    private readonly TaskCompletionSource<AgentJob> _job = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubAgentClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<AgentJob>(AgentHubContract.AssignJob, job => _job.TrySetResult(job));
    }

    public HubConnection Connection { get; }

    /// <summary>The first job the server assigned.</summary>
    public Task<AgentJob> Job => _job.Task;

    public static async Task<HubAgentClient> ConnectAsync(string baseUrl, string deviceToken, string model)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(baseUrl), AgentHubContract.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(deviceToken))
            .AddJsonProtocol(o => AgentProtocolJsonContext.Register(o.PayloadSerializerOptions))
            .Build();
        var client = new HubAgentClient(connection);
        try
        {
            await connection.StartAsync();
            await connection.InvokeAsync(AgentHubContract.Register,
                new AgentRegistration(new DeviceFingerprint(model, "DeviceLab", "test-build", "x86_64", 2, IsVirtual: true), "test-agent", "test-engine", null));
            return client;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task<AgentEventAck> PublishAsync(string jobId, params string[] lines) =>
        Connection.InvokeAsync<AgentEventAck>(AgentHubContract.PublishEvents, new AgentEventBatch(jobId, lines));

    public Task CompleteAsync(string jobId, int exitCode, long lastSeq) =>
        Connection.InvokeAsync(AgentHubContract.CompleteJob, new AgentJobOutcome(jobId, exitCode, lastSeq));

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
