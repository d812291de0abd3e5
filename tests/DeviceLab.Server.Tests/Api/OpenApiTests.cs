using System.Text.Json;
using DeviceLab.Server.Auth;

namespace DeviceLab.Server.Tests.Api;

public sealed class OpenApiTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    [Fact]
    public async Task The_OpenAPI_document_is_served_and_lists_the_status_endpoint()
    {
        using var client = server.Factory.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/status", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/models/{id}/variants:build", out _));
        var apiKey = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("X-Api-Key", apiKey.GetProperty("name").GetString());
        Assert.Equal(2, document.GetProperty("security").GetArrayLength());
    }

    [Fact]
    public async Task Status_names_the_lab_host_and_the_configured_database()
    {
        using var client = server.CreateClient(DeviceLabRole.Viewer);

        var status = JsonDocument.Parse(await client.GetStringAsync("/api/v1/status")).RootElement;

        Assert.Equal(server.LabHostName, status.GetProperty("labHost").GetString());
        Assert.Equal("configured", status.GetProperty("database").GetString());
    }
}
