using DeviceLab.Core.Models;
using DeviceLab.Core.Runs;
using DeviceLab.Core.Suites;
using DeviceLab.Server.Data;
using DeviceLab.Server.Runs.Execution;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Runs.Planning;

/// <summary>
/// Creates a run: checks the request (variants ready, parameters in range, a selector that names usable devices),
/// stores the run with one job per selected device — each job carries every variant, interleaved by the agent under
/// one lease — and queues each job on the Hangfire queue of its device's lab host. A request with a problem stores nothing.
/// </summary>
public sealed class RunLauncher(DeviceLabDbContext db, DevicePool pool, RunJobQueue queue, RunRollup rollup, TimeProvider time)
{
    public const int MaxVariantsPerRun = 16;

    /// <exception cref="RunRequestException">The request cannot run; nothing was stored.</exception>
    public async Task<Run> LaunchAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var selector = Normalize(request.DeviceSelector);
        await CheckAsync(request with { DeviceSelector = selector }, cancellationToken);
        var devices = await pool.SelectAsync(selector, cancellationToken);
        var now = time.GetUtcNow();
        var run = new Run
        {
            SuiteId = request.SuiteId, Status = RunStatus.Queued, Trigger = request.Trigger, RequestedBy = request.RequestedBy,
            VariantIds = [.. request.VariantIds], DeviceSelector = selector, Parameters = request.Parameters, CreatedAt = now,
        };
        foreach (var device in devices)
        {
            var job = new RunJob { DeviceId = device.Id, VariantIds = [.. request.VariantIds], Attempt = 1, Status = RunJobStatus.Queued, CreatedAt = now };
            job.Attempts.Add(new RunJobAttempt
            {
                Attempt = 1, DeviceId = device.Id, Status = RunJobAttemptStatus.Queued, CreatedAt = now,
                RepetitionsTotal = request.VariantIds.Count * request.Parameters.Repetitions,
            });
            run.Jobs.Add(job);
        }
        db.Runs.Add(run);
        await db.SaveChangesAsync(cancellationToken);

        // After the commit: a crash in between leaves queued attempts without a Hangfire job, which the recovery sweep enqueues.
        foreach (var job in run.Jobs) await queue.EnqueueAsync(job.Id, 1, devices.Single(d => d.Id == job.DeviceId).LabHost.QueueName, null, cancellationToken);
        await rollup.PublishAsync(run.Id, cancellationToken);
        return run;
    }

    /// <summary>Selector lists that came as JSON null become empty lists.</summary>
    public static DeviceSelector Normalize(DeviceSelector? selector) => new(selector?.Tags ?? [], selector?.DeviceModels ?? []);

    private async Task CheckAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string[]>();
        var variantProblems = await VariantProblemsAsync(request.VariantIds, cancellationToken);
        if (variantProblems.Count > 0) problems["variant_ids"] = [.. variantProblems];
        var parameterProblems = SuiteParameterRules.Problems(request.Parameters);
        if (parameterProblems.Count > 0) problems["parameters"] = [.. parameterProblems];
        var selectorProblems = DevicePool.Problems(request.DeviceSelector);
        if (selectorProblems.Count > 0) problems["device_selector"] = [.. selectorProblems];
        if (problems.Count > 0) throw new RunRequestException(problems);
    }

    /// <summary>Each variant must exist and be built (its file is in the artifact store).</summary>
    public async Task<List<string>> VariantProblemsAsync(IReadOnlyList<long>? variantIds, CancellationToken cancellationToken)
    {
        if (variantIds is null || variantIds.Count == 0) return ["name at least one variant"];
        var problems = new List<string>();
        if (variantIds.Count > MaxVariantsPerRun) problems.Add($"{variantIds.Count} variants given; at most {MaxVariantsPerRun} run interleaved in one job");
        if (variantIds.Distinct().Count() != variantIds.Count) problems.Add("a variant is named twice");
        var ids = variantIds.Distinct().ToArray();
        var found = await db.Variants.AsNoTracking().Include(v => v.Model).Where(v => ids.Contains(v.Id)).ToListAsync(cancellationToken);
        foreach (var id in ids.Where(id => found.All(v => v.Id != id))) problems.Add($"variant {id} does not exist");
        foreach (var variant in found.Where(v => v.BuildStatus != VariantBuildStatus.Ready || v.Sha256 is null))
            problems.Add($"variant {variant.Id} ({variant.Model.Name} {variant.QuantType}) is not ready to run (build status: {variant.BuildStatus})");
        return problems;
    }
}
