using System.Text.Json;
using DeviceLab.Core.AgentProtocol;
using DeviceLab.Core.Devices;
using DeviceLab.Core.Models;
using DeviceLab.Core.Runs;
using DeviceLab.Core.Statistics;
using DeviceLab.Server.Fleet;
using DeviceLab.Server.Models;
using DeviceLab.Server.Results;
using DeviceLab.Server.Runs;
using DeviceLab.Server.Suites;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests.Results;

/// <summary>
/// A small, fully known set of results written through EF: one model with Q8_0 and Q4_0 variants, two Pixel 7s and a
/// (virtual) Pixel 8, a suite with two nightly runs. Every result keeps the raw values its summaries were made from, so
/// tests can check the database's aggregates against <see cref="SampleSummary.Of(ReadOnlySpan{double})"/> of all values.
/// </summary>
public sealed class ResultScenario
{
    public required long ModelId { get; init; }
    public required long SuiteId { get; init; }
    public required long[] RunIds { get; init; }
    public required Dictionary<(string DeviceModel, QuantType Quant), List<double[]>> DecodeMsByGroup { get; init; }
    public required long Q4VariantId { get; init; }

    /// <summary>Token timings were stored for this result (run 1, first Pixel 7, Q4_0): repetitions of 8 tokens.</summary>
    public required double[][] TimedRepetitionsMs { get; init; }

    public static async Task<ResultScenario> CreateAsync(DeviceLabServerFixture server, string name)
    {
        await using var db = server.CreateDbContext();
        var random = new Random(42);
        var host = await db.LabHosts.SingleAsync(h => h.Name == server.LabHostName);
        var model = new Model { Name = name, Architecture = "llama", ParameterCount = 1_000_000, CreatedAt = DateTimeOffset.UtcNow };
        var q8 = new Variant { Model = model, QuantType = QuantType.Q8_0, BuildStatus = VariantBuildStatus.Ready, SizeBytes = 2000, CreatedAt = DateTimeOffset.UtcNow };
        var q4 = new Variant { Model = model, QuantType = QuantType.Q4_0, BuildStatus = VariantBuildStatus.Ready, SizeBytes = 1000, CreatedAt = DateTimeOffset.UtcNow };
        Device Phone(string serial, string deviceModel, bool isVirtual) => new()
        {
            LabHostId = host.Id, Serial = $"{name}-{serial}", Model = deviceModel, Soc = "Tensor", Transport = DeviceTransport.Adb,
            IsVirtual = isVirtual, CreatedAt = DateTimeOffset.UtcNow,
        };
        Device[] devices = [Phone("a1", "Pixel 7", false), Phone("a2", "Pixel 7", false), Phone("b1", "Pixel 8", true)];
        var suite = new Suite { Name = $"{name}-nightly", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        db.AddRange(model, q8, q4, suite);
        db.Devices.AddRange(devices);
        await db.SaveChangesAsync();

        var groups = new Dictionary<(string, QuantType), List<double[]>>();
        var runs = new List<Run>();
        double[][] timed = [];
        RunJob? timedJob = null;
        for (var night = 0; night < 2; night++)
        {
            var at = new DateTimeOffset(2026, 11, 1 + night, 2, 0, 0, TimeSpan.Zero);
            var run = new Run { SuiteId = suite.Id, Status = RunStatus.Succeeded, Trigger = RunTrigger.Nightly, VariantIds = [q8.Id, q4.Id], CreatedAt = at };
            db.Runs.Add(run);
            runs.Add(run);
            foreach (var device in devices)
            {
                // The first Pixel 7's job of night 1 was retried: attempt 1's (wild) results must not count.
                var retried = night == 0 && device == devices[0];
                var job = new RunJob { Run = run, DeviceId = device.Id, VariantIds = run.VariantIds, Attempt = retried ? 2 : 1, Status = RunJobStatus.Succeeded, CreatedAt = at };
                db.RunJobs.Add(job);
                foreach (var variant in new[] { q8, q4 })
                {
                    if (retried) db.Results.Add(Result(job, 1, variant, device, [1000, 1001, 1002], random, at, energyValid: true));
                    var baseMs = (variant == q4 ? 20 : 30) + (device.Model == "Pixel 8" ? 10 : 0) + night;
                    var values = Enumerable.Range(0, 16 + random.Next(32)).Select(_ => baseMs + random.NextDouble() * 6).ToArray();
                    var key = (device.Model!, variant.QuantType);
                    if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
                    list.Add(values);
                    // One energy reading taken while charging: stored, flagged invalid, left out of the energy figure.
                    db.Results.Add(Result(job, job.Attempt, variant, device, values, random, at, energyValid: !(night == 1 && device == devices[1])));
                    if (night == 0 && device == devices[0] && variant == q4)
                    {
                        timed = [Enumerable.Range(0, 8).Select(i => 20.0 + i).ToArray(), Enumerable.Range(0, 8).Select(i => 22.0 + i).ToArray()];
                        timedJob = job;
                    }
                }
            }
        }
        await db.SaveChangesAsync();
        for (var rep = 0; rep < timed.Length; rep++)
            for (var t = 0; t < timed[rep].Length; t++)
                db.TokenTimings.Add(new TokenTiming { RunJobId = timedJob!.Id, Attempt = timedJob.Attempt, VariantId = q4.Id, Repetition = rep, TokenIndex = t, Ms = timed[rep][t] });
        await db.SaveChangesAsync();
        return new ResultScenario
        {
            ModelId = model.Id, SuiteId = suite.Id, RunIds = runs.Select(r => r.Id).ToArray(), DecodeMsByGroup = groups, Q4VariantId = q4.Id,
            TimedRepetitionsMs = timed,
        };
    }

    private static BenchmarkResult Result(RunJob job, int attempt, Variant variant, Device device, double[] decodeMs, Random random, DateTimeOffset at, bool energyValid) => new()
    {
        RunJob = job, Attempt = attempt, Variant = variant, DeviceId = device.Id,
        DecodeMsPerToken = SampleSummary.Of(decodeMs),
        DecodeTokensPerSecond = SampleSummary.Of(decodeMs.Chunk(8).Select(c => 1000 / c.Average())),
        PrefillTokensPerSecond = SampleSummary.Of([200 + random.NextDouble() * 20, 205 + random.NextDouble() * 20]),
        TimeToFirstTokenMs = SampleSummary.Of([600 + random.NextDouble() * 50, 610 + random.NextDouble() * 50]),
        PeakMemoryBytes = 100_000_000 + random.Next(1000), EnergyMjPerToken = 40 + random.NextDouble() * 10, EnergyJ = 5, EnergyMethod = "voltage_current",
        EnergyValid = energyValid, Perplexity = 12 + random.NextDouble(), ThermalMaxC = 40 + random.NextDouble() * 5, ThrottledShare = 0,
        IsVirtual = device.IsVirtual, IsSimulated = device.IsVirtual, CreatedAt = at.AddMinutes(30),
        Context = JsonDocument.Parse($$"""{"peak_rss_method":"{{PeakMemoryMethods.HighWaterMarkReset}}"}""").RootElement,
    };
}
