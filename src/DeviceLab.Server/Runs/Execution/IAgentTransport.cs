using System.Text.Json.Nodes;
using DeviceLab.Core.Devices;
using DeviceLab.Server.Runs.Execution.Device;
using DeviceLab.Server.Runs.Ingestion;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>
/// How an attempt reaches its device's agent: ADB (<see cref="AdbAgentTransport"/>: push files, shell v2) or the network
/// agent hub. <see cref="AttemptRunner"/> does everything else the same way for both — lease renewal, fenced storage of
/// the events (<see cref="AttemptIngestion"/>), phase limits, outcome, retry — so a transport only moves files and lines.
/// </summary>
public interface IAgentTransport
{
    /// <summary>The devices it serves.</summary>
    DeviceTransport Transport { get; }

    /// <summary>How long the agent may stay silent after <see cref="RunAsync"/> starts it, before its first event; null when
    /// that wait is simply the first admission wait (the agent starts at once). A transport whose agent fetches the
    /// variants itself after starting gives the time that fetch may take.</summary>
    TimeSpan? StartupLimit(AttemptPlan plan);

    /// <summary>Gets the device ready (files, settings); the returned record is stored on the attempt and its
    /// <see cref="PreparedAgent.Context"/> added to every result's context.</summary>
    /// <exception cref="DeviceLostException">The device went away.</exception>
    Task<PreparedAgent> PrepareAsync(AttemptPlan plan, CancellationToken cancellationToken);

    /// <summary>Starts the agent and passes every line it writes to <paramref name="ingestion"/> as it arrives; returns when
    /// the agent has ended. Cancelling <paramref name="cancellationToken"/> must stop the agent.</summary>
    /// <exception cref="DeviceLostException">The device went away mid-run.</exception>
    Task<AgentExit> RunAsync(AttemptPlan plan, PreparedAgent prepared, AttemptIngestion ingestion, CancellationToken cancellationToken);

    /// <summary>After the attempt, whatever its outcome (best effort, never throws): make sure the agent is gone, undo settings.</summary>
    Task CleanUpAsync(AttemptPlan plan, PreparedAgent prepared, AttemptOutcome outcome);
}

/// <summary>What preparing the device did (stored on the attempt), what results carry from it, and the transport's own state.</summary>
/// <param name="Record">Stored as the attempt's <c>preparation</c>: files pushed or present, settings, agent version, command.</param>
/// <param name="Context">Added to every result's context (e.g. <c>device_settings</c>).</param>
/// <param name="State">Whatever the transport needs again in <see cref="IAgentTransport.RunAsync"/> and <see cref="IAgentTransport.CleanUpAsync"/>.</param>
public sealed record PreparedAgent(JsonObject Record, JsonObject Context, object? State);

/// <summary>The device (or the connection to it) went away during the attempt: the attempt fails with <c>device_lost</c>.</summary>
public sealed class DeviceLostException(string message, Exception? inner = null) : Exception(message, inner);
