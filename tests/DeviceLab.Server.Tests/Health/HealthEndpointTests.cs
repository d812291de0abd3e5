using System.Net;
using System.Text.Json;

namespace DeviceLab.Server.Tests.Health;

public sealed class HealthEndpointTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    [Fact]
    public async Task Healthz_reports_database_and_hangfire_healthy_as_json()
    {
        using var client = server.Factory.CreateClient();
        JsonElement body = default;
        // Hangfire's job server registers a moment after the host has started; until then the node is "degraded".
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var response = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (body.GetProperty("status").GetString() == "healthy") break;
            await Task.Delay(100);
        }

        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("hangfire").GetProperty("status").GetString());
    }
}
