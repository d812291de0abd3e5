using System.Net;
using System.Net.Http.Headers;
using DeviceLab.Core.Devices;
using DeviceLab.Core.Runs;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Tests.Lab;
using DeviceLab.Server.Tests.Runs.Ingestion;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests.Agents;

/// <summary>
/// What the real agent never does, sent over a bare hub connection: another device's token speaking for a job, fetching
/// its variant, and a malformed batch — refused with a clear error, nothing of it stored.
/// </summary>
[Collection(NetworkLabCollection.Name)]
public sealed class AgentHubProtocolTests(NetworkLabFixture lab)
{
    [Fact]
    public async Task Another_devices_token_cannot_act_for_a_job_and_a_malformed_batch_stores_nothing_and_fails_the_attempt()
    {
        var a = await lab.AddNetworkDeviceAsync("net-proto-a");
        var b = await lab.AddNetworkDeviceAsync("net-proto-b");
        await using var agentA = await HubAgentClient.ConnectAsync(lab.BaseUrl, a.Token, "Proto Phone");
        await using var agentB = await HubAgentClient.ConnectAsync(lab.BaseUrl, b.Token, "Proto Phone");
        await lab.WaitForDeviceAsync(a.DeviceId, DeviceState.Online);
        using var client = lab.CreateClient(DeviceLabRole.Operator);
        var created = await LabRuns.CreateRunAsync(client, [lab.F16], [a.Tag], LabRuns.Quick);
        var runJobId = Assert.Single(LabRuns.Jobs(created)).GetProperty("id").GetInt64();
        var job = await agentA.Job.WaitAsync(LabFixture.Patience);
        Assert.Equal($"{runJobId}-1", job.JobId);
        var variant = Assert.Single(job.Variants);
        var lines = new AgentLines(variant.Label, variant.Sha256);

        // Device A downloads its variant with Range; device B's token may not.
        using (var downloadA = lab.CreateDeviceClient(a.Token))
        using (var request = new HttpRequestMessage(HttpMethod.Get, variant.DownloadUrl) { Headers = { Range = new RangeHeaderValue(0, 99) } })
        using (var partial = await downloadA.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);
            Assert.Equal(variant.Sha256, partial.Headers.GetValues("X-Content-Sha256").Single());
        }
        using (var downloadB = lab.CreateDeviceClient(b.Token))
        using (var refused = await downloadB.GetAsync(variant.DownloadUrl))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        // Device B's token cannot publish or end device A's job, even with well-formed events.
        var foreign = await Assert.ThrowsAsync<HubException>(() => agentB.PublishAsync(job.JobId, new AgentLines(variant.Label, variant.Sha256).Hello()));
        Assert.Contains($"not a job of device {b.DeviceId}", foreign.Message);
        var foreignEnd = await Assert.ThrowsAsync<HubException>(() => agentB.CompleteAsync(job.JobId, 0, 1));
        Assert.Contains("not a job of device", foreignEnd.Message);

        // Device A: its hello is stored and acknowledged; sent again (a reconnect), it is acknowledged and not stored twice.
        var hello = lines.Hello();
        Assert.Equal(1, (await agentA.PublishAsync(job.JobId, hello)).StoredThroughSeq);
        Assert.Equal(1, (await agentA.PublishAsync(job.JobId, hello)).StoredThroughSeq);

        // A batch as large as the agent sends when it catches up (hundreds of events, well over SignalR's default 32 KB).
        var burst = Enumerable.Range(0, 600).Select(i => lines.Sample(10 + i, 3900)).ToArray();
        Assert.True(burst.Sum(l => l.Length) > 64 * 1024);
        Assert.Equal(lines.LastSeq, (await agentA.PublishAsync(job.JobId, burst)).StoredThroughSeq);

        // A batch with a valid sample and a malformed line: refused as a whole, naming the problem.
        var malformed = await Assert.ThrowsAsync<HubException>(() => agentA.PublishAsync(job.JobId, lines.Sample(5, 3900), "{\"type\":\"sample\",\"seq\":"));
        Assert.Contains("malformed", malformed.Message);
        Assert.Contains("nothing of this batch was stored", malformed.Message);

        var run = await LabRuns.WaitForEndAsync(client, created.GetProperty("id").GetInt64());
        var attempt = Assert.Single(Assert.Single(LabRuns.Jobs(run)).GetProperty("attempts").EnumerateArray());
        Assert.Equal("malformed_events", attempt.GetProperty("errorCode").GetString());
        await using var db = lab.CreateDbContext();
        var stored = await db.RunJobAttempts.AsNoTracking().SingleAsync(x => x.RunJobId == runJobId);
        Assert.Equal(RunJobAttemptStatus.Failed, stored.Status);
        Assert.Equal(601, stored.StoredThroughSeq);
        Assert.Equal("adb", stored.AgentHello!.Value.GetProperty("mode").GetString()); // the hello came from device A's batch
        Assert.Equal(600, await db.TelemetrySamples.CountAsync(s => s.RunJobId == runJobId)); // the refused batch's valid sample is not among them
    }

    [Fact]
    public async Task A_token_revoked_while_its_agent_is_connected_is_refused_at_the_next_call_and_the_device_goes_offline()
    {
        var device = await lab.AddNetworkDeviceAsync("net-revoke");
        await using var agent = await HubAgentClient.ConnectAsync(lab.BaseUrl, device.Token, "Revoked Phone");
        await lab.WaitForDeviceAsync(device.DeviceId, DeviceState.Online);
        using var admin = lab.CreateClient(DeviceLabRole.Admin);
        var tokenId = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/devices/{device.DeviceId}/tokens")).RootElement
            .EnumerateArray().Single().GetProperty("id").GetInt64();
        using (var revoked = await admin.DeleteAsync($"/api/v1/devices/{device.DeviceId}/tokens/{tokenId}")) revoked.EnsureSuccessStatusCode();

        await Assert.ThrowsAnyAsync<Exception>(() => agent.PublishAsync("1-1", "{}"));

        await Eventually.TrueAsync(() => Task.FromResult(agent.Connection.State == HubConnectionState.Disconnected), LabFixture.Patience, "the connection closed");
        await lab.WaitForDeviceAsync(device.DeviceId, DeviceState.Offline);
        var again = await Assert.ThrowsAsync<HttpRequestException>(() => HubAgentClient.ConnectAsync(lab.BaseUrl, device.Token, "Revoked Phone"));
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }
}
