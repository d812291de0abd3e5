using System.Text.Json;
using System.Text.Json.Nodes;
using DeviceLab.Core.AgentProtocol;
using DeviceLab.Core.Regressions;
using DeviceLab.Core.Devices;
using DeviceLab.Core.Models;
using DeviceLab.Core.Runs;
using DeviceLab.Core.Statistics;
using DeviceLab.Core.Suites;
using DeviceLab.Server.Data;
using DeviceLab.Server.Fleet;
using DeviceLab.Server.Models;
using DeviceLab.Server.Regressions;
using DeviceLab.Server.Results;
using DeviceLab.Server.Runs;
using DeviceLab.Server.Suites;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests.Seeding;

/// <summary>
/// Rows for dashboard tests, written through EF into the test's real database: devices, models with variants,
/// suites, runs with jobs, and results whose summaries come from generated repetitions (so mean, spread and
/// percentiles agree the way real ones do). Names carry a per-seed suffix, so classes sharing a database never collide.
/// </summary>
internal sealed class DashboardSeed(Func<DeviceLabDbContext> contexts, string labHostName)
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..6];
    private readonly Random _random = new(42);

    /// <summary>Unique per seed, for names that must be unique in the database.</summary>
    public string Suffix => _suffix;

    public async Task<Device> DeviceAsync(string model, bool isVirtual = false, DeviceState state = DeviceState.Online,
        string[]? tags = null, double? batteryPercent = 81, double? temperatureC = 31.5, string? manufacturer = null, string? soc = null,
        string osVersion = "14", string? abi = null)
    {
        await using var db = contexts();
        var host = await db.LabHosts.SingleAsync(h => h.Name == labHostName);
        var device = new Device
        {
            LabHostId = host.Id, Serial = $"{(isVirtual ? "127.0.0.1:" + _random.Next(20000, 60000) : "R58M" + _random.Next(100000, 999999))}-{_suffix}",
            Transport = DeviceTransport.Adb, Manufacturer = manufacturer ?? (isVirtual ? "DeviceLab" : "Google"), Model = model, Soc = soc ?? (isVirtual ? "host CPU" : "Tensor G2"),
            Abi = abi ?? (isVirtual ? "x86_64" : "arm64-v8a"), OsVersion = osVersion, OsBuild = "UQ1A.240205.004", CpuCores = 8, RamBytes = 8L << 30,
            Properties = new() { ["ro.product.model"] = model, ["ro.build.version.sdk"] = "34" },
            Tags = [.. tags ?? [model.ToLowerInvariant().Replace(' ', '-')]], State = state, IsVirtual = isVirtual,
            CreatedAt = DateTimeOffset.UtcNow.AddDays(-30), LastSeenAt = DateTimeOffset.UtcNow.AddMinutes(-2),
            BatteryLevelPercent = batteryPercent, BatteryTemperatureC = temperatureC,
        };
        db.Devices.Add(device);
        await db.SaveChangesAsync();
        return device;
    }

    public async Task<(Model Model, Variant[] Variants)> ModelAsync(string name, params QuantType[] quantTypes)
    {
        await using var db = contexts();
        var model = new Model { Name = $"{name}-{_suffix}", Architecture = "llama", ParameterCount = 110_000_000, CreatedAt = DateTimeOffset.UtcNow.AddDays(-60) };
        db.Models.Add(model);
        await db.SaveChangesAsync();
        Variant? parent = null;
        var variants = new List<Variant>();
        foreach (var quant in quantTypes)
        {
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{model.Name}/{quant}")));
            var size = quant switch { QuantType.F16 => 220L << 20, QuantType.Q8_0 => 117L << 20, _ => 62L << 20 };
            db.Artifacts.Add(new Artifact { Sha256 = sha, SizeBytes = size, Kind = ArtifactKind.Gguf, StoredPath = $"gguf/{sha}", CreatedAt = model.CreatedAt });
            var variant = new Variant
            {
                ModelId = model.Id, QuantType = quant, ParentVariantId = parent?.Id, Sha256 = sha, SizeBytes = size,
                BuildStatus = VariantBuildStatus.Ready, CreatedAt = model.CreatedAt,
            };
            db.Variants.Add(variant);
            await db.SaveChangesAsync();
            parent ??= variant;
            variants.Add(variant);
        }
        return (model, [.. variants]);
    }

    public async Task<Suite> SuiteAsync(string name, IEnumerable<Variant> variants, string? cron = "0 2 * * *")
    {
        await using var db = contexts();
        var suite = new Suite
        {
            Name = $"{name}-{_suffix}", VariantIds = variants.Select(v => v.Id).ToList(), Cron = cron,
            CreatedAt = DateTimeOffset.UtcNow.AddDays(-90), UpdatedAt = DateTimeOffset.UtcNow.AddDays(-90),
        };
        db.Suites.Add(suite);
        await db.SaveChangesAsync();
        return suite;
    }

    /// <summary>A finished run of <paramref name="variants"/> on <paramref name="devices"/> with one result per (device, variant).</summary>
    /// <param name="speedOf">Decode tokens/s of a (device, variant) on this run, before noise.</param>
    /// <param name="peakMemoryMethodOf">The agent's <c>peak_rss_method</c> on a device (in the result's context, as ingestion
    /// stores it); VmHWM reset everywhere unless said otherwise, null for an agent that reports none.</param>
    public async Task<Run> RunAsync(IReadOnlyList<Device> devices, IReadOnlyList<Variant> variants, Func<Device, Variant, double> speedOf,
        DateTimeOffset at, Suite? suite = null, RunTrigger trigger = RunTrigger.Manual, RunStatus status = RunStatus.Succeeded,
        bool withQuality = true, bool simulated = false, int repetitions = 5, Func<Device, string?>? peakMemoryMethodOf = null)
    {
        peakMemoryMethodOf ??= _ => PeakMemoryMethods.HighWaterMarkReset;
        await using var db = contexts();
        var run = new Run
        {
            SuiteId = suite?.Id, Status = status, Trigger = trigger, RequestedBy = trigger == RunTrigger.Nightly ? "schedule" : "alice",
            VariantIds = variants.Select(v => v.Id).ToList(), CreatedAt = at, StartedAt = at.AddSeconds(5), FinishedAt = at.AddMinutes(6),
            Parameters = SuiteParameters.Default with { Repetitions = repetitions },
        };
        foreach (var device in devices)
        {
            run.Jobs.Add(new RunJob
            {
                DeviceId = device.Id, VariantIds = run.VariantIds, Status = status == RunStatus.Succeeded ? RunJobStatus.Succeeded : RunJobStatus.Failed,
                CreatedAt = at, StartedAt = at.AddSeconds(5), FinishedAt = at.AddMinutes(6),
                ErrorCode = status == RunStatus.Failed ? "device_lost" : null, ErrorMessage = status == RunStatus.Failed ? "adb lost the device mid-run" : null,
            });
        }
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        foreach (var job in run.Jobs)
        {
            var device = devices.Single(d => d.Id == job.DeviceId);
            foreach (var variant in variants)
                db.Results.Add(Result(job, device, variant, speedOf(device, variant), at, withQuality, simulated, repetitions, peakMemoryMethodOf(device)));
        }
        await db.SaveChangesAsync();
        return run;
    }

    /// <summary>An open, untriaged regression of <paramref name="variant"/> in <paramref name="suite"/> (first bad night: a new empty run).</summary>
    public async Task<Regression> RegressionAsync(Suite suite, Variant variant, string deviceModel = "Pixel 7", string metric = "decode_tokens_per_second",
        double magnitude = -0.071, DateTimeOffset? firstBadAt = null)
    {
        await using var db = contexts();
        var at = firstBadAt ?? DateTimeOffset.UtcNow.AddDays(-3);
        var run = new Run { SuiteId = suite.Id, Status = RunStatus.Succeeded, Trigger = RunTrigger.Nightly, VariantIds = [variant.Id], CreatedAt = at, FinishedAt = at };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        var regression = new Regression
        {
            SuiteId = suite.Id, DeviceModel = deviceModel, ModelId = variant.ModelId, VariantId = variant.Id, Metric = metric, FirstBadRunId = run.Id,
            FirstBadAt = at, Magnitude = magnitude, MagnitudeCiLow = magnitude * 1.3, MagnitudeCiHigh = magnitude * 0.7, PValue = 0.0004,
            Direction = RegressionDirection.Regression, Status = RegressionStatus.Open, TriageState = TriageState.Untriaged, OpenedAt = at.AddHours(8),
        };
        db.Regressions.Add(regression);
        await db.SaveChangesAsync();
        return regression;
    }

    private BenchmarkResult Result(RunJob job, Device device, Variant variant, double tokensPerSecond, DateTimeOffset at,
        bool withQuality, bool simulated, int repetitions, string? peakMemoryMethod)
    {
        var speeds = Enumerable.Range(0, repetitions).Select(_ => tokensPerSecond * (1 + Noise(0.03))).ToArray();
        var tokenMs = speeds.SelectMany(s => Enumerable.Range(0, 64).Select(_ => 1000 / s * (1 + Noise(0.08)))).ToArray();
        var (perplexity, kl) = variant.QuantType switch
        {
            QuantType.F16 => (7.91, (double?)null),
            QuantType.Q8_0 => (7.93, 0.0021),
            _ => (8.41, 0.0613),
        };
        return new BenchmarkResult
        {
            RunJobId = job.Id, Attempt = 1, VariantId = variant.Id, DeviceId = device.Id,
            DecodeTokensPerSecond = SampleSummary.Of(speeds),
            DecodeMsPerToken = SampleSummary.Of(tokenMs),
            PrefillTokensPerSecond = SampleSummary.Of(speeds.Select(s => s * 7.5 * (1 + Noise(0.02))).ToArray()),
            TimeToFirstTokenMs = SampleSummary.Of(speeds.Select(s => 128 / (s * 7.5) * 1000 * (1 + Noise(0.02))).ToArray()),
            PeakMemoryBytes = (variant.SizeBytes ?? 0) + (180L << 20),
            EnergyJ = 4.2, EnergyMjPerToken = 1000 / tokensPerSecond * 2.1 * (1 + Noise(0.02)), EnergyMethod = "voltage_current", EnergyValid = !simulated,
            Perplexity = withQuality ? perplexity : null, KlDivergence = withQuality ? kl : null, Top1Agreement = withQuality ? (kl is null ? 1 : 1 - kl * 3) : null,
            ThermalMaxC = 38 + _random.NextDouble() * 4, ThrottledShare = 0.02, AdmissionWaitMs = 1200,
            IsVirtual = device.IsVirtual, IsSimulated = simulated || device.IsVirtual, CreatedAt = at.AddMinutes(5),
            Context = Context(peakMemoryMethod),
        };
    }

    // What ingestion keeps of an agent's hello and result that the dashboard reads; an older agent names no method.
    private static JsonElement Context(string? peakMemoryMethod)
    {
        var context = new JsonObject { ["parameters"] = new JsonObject { ["telemetry_interval_ms"] = 250 } };
        if (peakMemoryMethod is not null) context["peak_rss_method"] = peakMemoryMethod;
        return JsonSerializer.SerializeToElement(context);
    }

    private double Noise(double cv) => (_random.NextDouble() * 2 - 1) * cv * 1.7;
}
