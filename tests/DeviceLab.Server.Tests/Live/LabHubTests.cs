using System.Net.Http.Json;
using DeviceLab.Core.Devices;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Tests.Lab;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeviceLab.Server.Tests.Live;

/// <summary>The lab hub: viewers only, run streams only for runs that exist, events delivered through PostgreSQL NOTIFY.</summary>
public sealed class LabHubTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    [Fact]
    public async Task An_anonymous_client_cannot_connect()
    {
        await using var anonymous = LiveRecorder.For(server.Factory, apiKey: null);
        await Assert.ThrowsAnyAsync<Exception>(() => anonymous.StartAsync());
    }

    [Fact]
    public async Task Watching_a_run_that_does_not_exist_is_an_error_naming_it()
    {
        await using var viewer = LiveRecorder.For(server.Factory, server.Factory.ApiKeyOf(DeviceLabRole.Viewer));
        await viewer.StartAsync();
        var error = await Assert.ThrowsAsync<HubException>(() => viewer.WatchRunAsync(987654));
        Assert.Contains("run 987654 does not exist", error.Message);
    }

    [Fact]
    public async Task A_device_state_change_reaches_connected_viewers()
    {
        var rows = await TestRows.CreateAsync(server);
        await using var viewer = LiveRecorder.For(server.Factory, server.Factory.ApiKeyOf(DeviceLabRole.Viewer));
        await viewer.StartAsync();
        using var client = server.CreateClient(DeviceLabRole.Operator);

        using var response = await client.PostAsJsonAsync($"/api/v1/devices/{rows.DeviceId}/quarantine", new { reason = "battery swelling" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        await Eventually.TrueAsync(() => Task.FromResult(viewer.Devices.Any(d => d.DeviceId == rows.DeviceId && d.State == DeviceState.Quarantined)),
            TimeSpan.FromSeconds(10), "the quarantine pushed live");
        var change = viewer.Devices.Single(d => d.DeviceId == rows.DeviceId);
        Assert.Equal(DeviceState.Online, change.PreviousState);
        Assert.Contains("battery swelling", change.Reason);
        Assert.Equal(server.LabHostName, change.LabHost);
    }
}
