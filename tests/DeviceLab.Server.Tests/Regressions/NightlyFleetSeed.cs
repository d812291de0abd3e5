using System.Text.Json;
using DeviceLab.Core.Devices;
using DeviceLab.Core.Models;
using DeviceLab.Core.Runs;
using DeviceLab.Core.Statistics;
using DeviceLab.Core.Suites;
using DeviceLab.Server.Data;
using DeviceLab.Server.Fleet;
using DeviceLab.Server.Models;
using DeviceLab.Server.Regressions.Detection;
using DeviceLab.Server.Results;
using DeviceLab.Server.Runs;
using DeviceLab.Server.Suites;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests.Regressions;

/// <summary>
/// TEST DATA, written straight into the tables (not measured, not through the agent; every result's context says
/// <c>"source": "test seed"</c>): a nightly suite on two device models (Pixel 8 ×2, Galaxy S24 ×1) × two variants
/// (Q4_0, Q8_0), one run per night at 01:30 UTC, each device measuring five repetitions per variant.
/// <para>Noise model, per metric: a night factor shared by the devices of a model (temperature, background load; the
/// night-to-night spread, CV 3 % — 4 % for energy, 0.5 % for memory), a fixed per-device offset (±1.5 %), and
/// per-repetition noise (1 %). Optional slow-down: decode on one (device model, variant) from one night on.</para>
/// </summary>
public sealed class NightlyFleetSeed
{
    public static readonly string[] DeviceModels = ["Pixel 8", "Galaxy S24"];
    public static readonly QuantType[] Variants = [QuantType.Q4_0, QuantType.Q8_0];
    public static readonly DateOnly FirstNight = new(2026, 1, 1);

    public const int Repetitions = 5;
    public const int TokensPerRepetition = 16;

    public required string SuiteName { get; init; }
    public int Nights { get; init; } = 60;
    public int Seed { get; init; } = 1;

    /// <summary>Decode slow-down: (device model, variant, first night index, factor on tokens/s), e.g. 0.9 for 10 % slower.</summary>
    public (string DeviceModel, QuantType Variant, int FromNight, double TokensPerSecondFactor)? SlowDown { get; init; }

    /// <summary>The trigger of every run (nightly unless a test wants runs detection does not follow).</summary>
    public RunTrigger Trigger { get; init; } = RunTrigger.Nightly;

    /// <summary>The suite's own detector thresholds, if any.</summary>
    public DetectorOverrides? DetectorOverrides { get; init; }

    public sealed record Seeded(long SuiteId, string Suite, long ModelId, IReadOnlyDictionary<QuantType, long> VariantIds,
        IReadOnlyDictionary<string, long[]> DeviceIds, IReadOnlyList<long> RunIds);

    public async Task<Seeded> WriteAsync(DeviceLabDbContext db, string labHostName)
    {
        var random = new Random(Seed);
        var created = DateTimeOffset.Parse("2025-12-31T00:00:00Z");
        var unique = Guid.NewGuid().ToString("N")[..6];
        var host = await db.LabHosts.SingleAsync(h => h.Name == labHostName);
        var model = new Model { Name = $"tinyllama-{SuiteName}-{unique}", CreatedAt = created };
        var variants = Variants.ToDictionary(q => q, q => new Variant { Model = model, QuantType = q, BuildStatus = VariantBuildStatus.Ready, CreatedAt = created });
        var devices = new Dictionary<string, List<(Device Device, double Offset)>>();
        foreach (var deviceModel in DeviceModels)
        {
            var count = deviceModel == "Pixel 8" ? 2 : 1;
            devices[deviceModel] = Enumerable.Range(0, count).Select(i => (new Device
            {
                LabHostId = host.Id, Serial = $"{deviceModel.Replace(' ', '-')}-{i}-{unique}", Model = deviceModel, State = DeviceState.Online, CreatedAt = created,
            }, 0.015 * Gaussian(random))).ToList();
        }
        db.AddRange(variants.Values);
        db.AddRange(devices.Values.SelectMany(d => d.Select(x => x.Device)));
        await db.SaveChangesAsync();

        var suite = new Suite
        {
            Name = SuiteName, VariantIds = [.. variants.Values.Select(v => v.Id)], DeviceSelector = DeviceSelector.Everything,
            Parameters = SuiteParameters.Default with { Repetitions = Repetitions }, Cron = "30 1 * * *", CreatedAt = created, UpdatedAt = created,
            DetectorOverrides = DetectorOverrides,
        };
        db.Suites.Add(suite);
        var runs = new List<Run>();
        for (var night = 0; night < Nights; night++)
        {
            var start = new DateTimeOffset(FirstNight.AddDays(night).ToDateTime(new TimeOnly(1, 30)), TimeSpan.Zero);
            var run = new Run
            {
                Suite = suite, Status = RunStatus.Succeeded, Trigger = Trigger, RequestedBy = "schedule", VariantIds = suite.VariantIds,
                DeviceSelector = suite.DeviceSelector, Parameters = suite.Parameters, CreatedAt = start, StartedAt = start, FinishedAt = start.AddMinutes(40),
            };
            runs.Add(run);
            foreach (var deviceModel in DeviceModels)
            {
                var nightFactor = new NightFactors(random); // shared by this model's devices tonight
                foreach (var (device, offset) in devices[deviceModel])
                {
                    var job = new RunJob
                    {
                        Run = run, DeviceId = device.Id, VariantIds = suite.VariantIds, Status = RunJobStatus.Succeeded,
                        CreatedAt = start, StartedAt = start, FinishedAt = start.AddMinutes(35),
                    };
                    db.RunJobs.Add(job);
                    foreach (var (quant, variant) in variants)
                    {
                        var slowed = SlowDown is { } s && s.DeviceModel == deviceModel && s.Variant == quant && night >= s.FromNight ? s.TokensPerSecondFactor : 1;
                        db.Results.Add(Result(job, variant, device, quant, deviceModel, nightFactor, offset, slowed, random, start));
                    }
                }
            }
        }
        await db.SaveChangesAsync();
        return new Seeded(suite.Id, suite.Name, model.Id, variants.ToDictionary(v => v.Key, v => v.Value.Id),
            devices.ToDictionary(d => d.Key, d => d.Value.Select(x => x.Device.Id).ToArray()), runs.Select(r => r.Id).ToList());
    }

    private static BenchmarkResult Result(RunJob job, Variant variant, Device device, QuantType quant, string deviceModel,
        NightFactors night, double offset, double slowDown, Random random, DateTimeOffset start)
    {
        var faster = deviceModel == "Galaxy S24" ? 1.2 : 1.0;
        var decodeBase = (quant == QuantType.Q4_0 ? 20.0 : 14.0) * faster * (1 + offset) * (1 + night.Speed) * slowDown; // tokens/s
        var prefillBase = (quant == QuantType.Q4_0 ? 120.0 : 90.0) * faster * (1 + offset) * (1 + night.Prefill);
        var decode = Repeat(random, () => decodeBase * (1 + 0.01 * Gaussian(random)));
        var msPerToken = decode.SelectMany(tokensPerSecond => Enumerable.Range(0, TokensPerRepetition)
            .Select(_ => 1000 / tokensPerSecond * (1 + 0.02 * Gaussian(random)))).ToArray();
        var prefill = Repeat(random, () => prefillBase * (1 + 0.01 * Gaussian(random)));
        var ttft = prefill.Select(p => 128 / p * 1000 * (1 + 0.01 * Gaussian(random))).ToArray(); // 128 prompt tokens, ms
        return new BenchmarkResult
        {
            RunJob = job, Attempt = 1, VariantId = variant.Id, DeviceId = device.Id,
            DecodeTokensPerSecond = SampleSummary.Of(decode),
            DecodeMsPerToken = SampleSummary.Of(msPerToken),
            PrefillTokensPerSecond = SampleSummary.Of(prefill),
            TimeToFirstTokenMs = SampleSummary.Of(ttft),
            PeakMemoryBytes = (long)((quant == QuantType.Q4_0 ? 700e6 : 1_200e6) * (1 + night.Memory)),
            EnergyMjPerToken = (quant == QuantType.Q4_0 ? 35.0 : 48.0) * (1 + night.Energy), // the slow-down is decode only
            EnergyJ = 10, EnergyMethod = "voltage_current", EnergyValid = true,
            Context = JsonDocument.Parse("""{"source":"test seed","note":"seeded test data, not a measurement"}""").RootElement,
            IsSimulated = false, IsVirtual = false, CreatedAt = start.AddMinutes(30),
        };
    }

    private static double[] Repeat(Random random, Func<double> draw) => Enumerable.Range(0, Repetitions).Select(_ => draw()).ToArray();

    /// <summary>One night's shared conditions on one device model, per metric (relative deviations).</summary>
    private sealed class NightFactors(Random random)
    {
        public double Speed { get; } = 0.03 * Gaussian(random);
        public double Prefill { get; } = 0.03 * Gaussian(random);
        public double Memory { get; } = 0.005 * Gaussian(random);
        public double Energy { get; } = 0.04 * Gaussian(random);
    }

    // Box–Muller.
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
