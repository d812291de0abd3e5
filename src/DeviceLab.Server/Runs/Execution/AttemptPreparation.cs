using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DeviceLab.Adb;
using DeviceLab.Core.Models;
using DeviceLab.Server.AgentBuilds;
using DeviceLab.Server.Data;
using DeviceLab.Server.Models;
using DeviceLab.Server.Runs.Execution.Device;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Runs.Execution;

/// <summary>
/// Gets a device ready for an attempt: the agent build for its ABI, every variant and the evaluation text put on the
/// device unless it already has those bytes (each push within the push limit), and the agent's command line.
/// Returns what it did, for the attempt's record.
/// </summary>
public sealed class AttemptPreparation(
    IDbContextFactory<DeviceLabDbContext> contexts, AgentBuildCatalog agentBuilds, ArtifactStore store, IOptions<RunOptions> options)
{
    public async Task<(AgentInvocation Invocation, List<FileTransfer> Transfers, string AgentVersion)> PrepareAsync(
        AdbDevice device, AttemptPlan plan, CancellationToken cancellationToken)
    {
        var folder = options.Value.DeviceFolder.TrimEnd('/');
        var agent = await agentBuilds.LatestForAbiAsync(plan.Abi ?? "", cancellationToken);
        if (agent is null)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var known = await db.AgentBuilds.Select(b => b.Abi).Distinct().ToListAsync(cancellationToken);
            throw new NoAgentBuildException($"no agent build for ABI '{plan.Abi ?? "(unknown)"}' of device {plan.Serial} (builds exist for: {(known.Count == 0 ? "none" : string.Join(", ", known))})");
        }
        var files = new List<DeviceFile>
        {
            LocalFile("agent", agent.Build.ArtifactSha256, agent.Path, $"{folder}/agents/{agent.Build.ArtifactSha256}", "devicelab-agent", executable: true),
        };
        foreach (var variant in plan.Variants)
        {
            var path = store.Find(variant.Sha256)
                ?? throw new VariantUnavailableException($"variant {variant.VariantId} ({variant.Sha256[..12]}…) is missing from the artifact store");
            files.Add(LocalFile("variant", variant.Sha256, path, $"{folder}/variants/{variant.Sha256}", "model.gguf"));
        }
        string? textPath = null;
        if (plan.Parameters.EvaluationText is { } text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            var file = new DeviceFile("evaluation_text", sha, bytes.Length, $"{folder}/texts/{sha}", "text.txt", () => new MemoryStream(bytes));
            files.Add(file);
            textPath = file.RemotePath;
        }

        var transfers = new List<FileTransfer>();
        foreach (var file in files) transfers.Add(await EnsureWithinLimitAsync(device, file, plan.Limits.Push, cancellationToken));

        var remoteVariants = plan.Variants.Select(v => new RemoteVariant(v.Label, $"{folder}/variants/{v.Sha256}/model.gguf", v.Sha256)).ToList();
        var reference = textPath is null ? null : remoteVariants[plan.Variants.Select((v, i) => (v, i)).OrderBy(x => PrecisionRank(x.v.QuantType)).First().i].RemotePath;
        var invocation = new AgentInvocation(files[0].RemotePath, $"{folder}/jobs/{plan.RunJobId}-{plan.Attempt}/agent.pid", remoteVariants,
            plan.Parameters, options.Value.TelemetryIntervalMs, plan.DeviceIsVirtual, textPath, reference);
        return (invocation, transfers, agent.Build.Version);
    }

    /// <summary>JSON for the attempt's record of the files.</summary>
    public static JsonArray Describe(IEnumerable<FileTransfer> transfers) => new([.. transfers.Select(t => (JsonNode)new JsonObject
    {
        ["kind"] = t.Kind, ["sha256"] = t.Sha256, ["size_bytes"] = t.SizeBytes, ["remote_path"] = t.RemotePath,
        ["pushed"] = t.Pushed, ["verification"] = t.Verification, ["ms"] = Math.Round(t.Ms, 1),
    })]);

    /// <summary>The reference for quality comparisons is the most precise variant of the run.</summary>
    internal static int PrecisionRank(QuantType type) => type switch
    {
        QuantType.F32 => 0,
        QuantType.F16 => 1,
        QuantType.Q8_0 => 2,
        QuantType.Q4_K => 3,
        _ => 4,
    };

    private static DeviceFile LocalFile(string kind, string sha256, string path, string remoteDirectory, string name, bool executable = false) =>
        new(kind, sha256, new FileInfo(path).Length, remoteDirectory, name,
            () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan), executable);

    private static async Task<FileTransfer> EnsureWithinLimitAsync(AdbDevice device, DeviceFile file, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            return await DeviceFiles.EnsureAsync(device, file, deadline.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or AdbException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new PhaseTimeoutException("push", $"pushing the {file.Kind} {file.Sha256[..12]}… ({file.SizeBytes:N0} bytes) took longer than its limit of {limit.TotalSeconds:0} s");
        }
    }
}
