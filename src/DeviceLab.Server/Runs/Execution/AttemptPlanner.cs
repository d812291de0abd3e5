using DeviceLab.Core.Models;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>Loads what an attempt needs: its device, the run's snapshot (variants, parameters, selector) and the phase limits.</summary>
public sealed class AttemptPlanner(IDbContextFactory<DeviceLabDbContext> contexts, IOptions<RunOptions> options)
{
    public async Task<AttemptPlan> LoadAsync(long runJobId, int attempt, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.RunJobAttempts.AsNoTracking()
            .Where(a => a.RunJobId == runJobId && a.Attempt == attempt)
            .Select(a => new { a.CreatedAt, a.Device, LabHost = a.Device.LabHost.Name, a.RunJob.Run, a.RunJob.VariantIds })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"run job {runJobId} has no attempt {attempt}");
        var variants = await db.Variants.AsNoTracking().Where(v => row.VariantIds.Contains(v.Id)).ToListAsync(cancellationToken);
        var planned = row.VariantIds
            .Select(id => variants.SingleOrDefault(v => v.Id == id) ?? throw new VariantUnavailableException($"variant {id} of run job {runJobId} no longer exists"))
            .Select(v => new PlannedVariant(v.Id, Label(v.Id, v.QuantType),
                v.QuantType, v.Sha256 ?? throw new VariantUnavailableException($"variant {v.Id} has no built file"), v.SizeBytes ?? 0))
            .ToList();
        return new AttemptPlan(row.Run.Id, runJobId, attempt, row.Device.Id, row.Device.Serial, row.LabHost, row.Device.Abi, row.Device.IsVirtual,
            row.CreatedAt, planned, row.Run.Parameters, row.Run.DeviceSelector, Limits(row.Run.Parameters));
    }

    /// <summary>The label the agent uses for a variant in its events: <c>v12-q4_0</c>.</summary>
    public static string Label(long variantId, QuantType quantType) => $"v{variantId}-{SnakeCaseEnumConverter<QuantType>.NameOf(quantType)}";

    private PhaseLimits Limits(Core.Suites.SuiteParameters parameters)
    {
        var defaults = options.Value.Timeouts;
        var admissionWaitS = (parameters.Admission?.MaxWaitMs ?? 0) / 1000.0;
        return new PhaseLimits(
            TimeSpan.FromSeconds(parameters.Timeouts?.PushSeconds ?? defaults.PushSeconds),
            TimeSpan.FromSeconds(parameters.Timeouts?.AdmissionSeconds ?? defaults.AdmissionSeconds ?? admissionWaitS + defaults.AdmissionSlackSeconds),
            TimeSpan.FromSeconds(parameters.Timeouts?.BenchmarkSeconds ?? defaults.BenchmarkSeconds));
    }
}

/// <summary>A variant of the run has no file to push (deleted, never built, missing from the store).</summary>
public sealed class VariantUnavailableException(string message) : Exception(message);

/// <summary>No agent build matches the device's ABI.</summary>
public sealed class NoAgentBuildException(string message) : Exception(message);

/// <summary>A phase ran past its limit.</summary>
public sealed class PhaseTimeoutException(string phase, string message) : Exception(message)
{
    public string Phase { get; } = phase;
}
