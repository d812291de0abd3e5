using DeviceLab.Core.Devices;
using DeviceLab.Core.Models;
using DeviceLab.Core.Runs;
using DeviceLab.Core.Suites;
using DeviceLab.Server.Fleet;
using DeviceLab.Server.Models;
using DeviceLab.Server.Runs;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests;

/// <summary>The rows a run job hangs off, stored directly (no adb, no agent): for tests of leases, writes and validation.</summary>
public sealed record TestRows(long DeviceId, long VariantId, string VariantSha256, long RunId, IReadOnlyList<long> JobIds)
{
    public static async Task<TestRows> CreateAsync(DeviceLabServerFixture server, int jobs = 1, string? tag = null)
    {
        var now = DateTimeOffset.UtcNow;
        var unique = Guid.NewGuid().ToString("N");
        await using var db = server.CreateDbContext();
        var host = await db.LabHosts.SingleAsync(h => h.Name == server.LabHostName);
        var device = new Device
        {
            LabHostId = host.Id, Serial = $"test-{unique[..8]}", Model = "Pixel 7", Abi = "x86_64", State = DeviceState.Online, IsConnected = true,
            Tags = ["pixel-7", tag ?? $"rows-{unique[..8]}"], CreatedAt = now,
        };
        var artifact = new Artifact { Sha256 = unique + unique, SizeBytes = 1, Kind = ArtifactKind.Gguf, StoredPath = $"sha256/{unique[..2]}/{unique}{unique}", CreatedAt = now };
        var model = new Model { Name = $"rows-{unique[..8]}", CreatedAt = now };
        var variant = new Variant { Model = model, QuantType = QuantType.Q4_0, BuildStatus = VariantBuildStatus.Ready, Sha256 = artifact.Sha256, Artifact = artifact, SizeBytes = 1, CreatedAt = now };
        db.AddRange(device, artifact, model, variant);
        await db.SaveChangesAsync();
        var run = new Run
        {
            Status = RunStatus.Queued, Trigger = RunTrigger.Api, VariantIds = [variant.Id], DeviceSelector = new DeviceSelector(device.Tags, []),
            Parameters = SuiteParameters.Default, CreatedAt = now,
        };
        for (var i = 0; i < jobs; i++)
        {
            var job = new RunJob { DeviceId = device.Id, VariantIds = [variant.Id], Status = RunJobStatus.Queued, CreatedAt = now };
            // A Hangfire id, so the recovery sweep leaves these jobs to the test.
            job.Attempts.Add(new RunJobAttempt { Attempt = 1, DeviceId = device.Id, Status = RunJobAttemptStatus.Queued, RepetitionsTotal = 1, HangfireJobId = "test-rows", CreatedAt = now });
            run.Jobs.Add(job);
        }
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        return new TestRows(device.Id, variant.Id, variant.Sha256, run.Id, run.Jobs.Select(j => j.Id).ToList());
    }
}
