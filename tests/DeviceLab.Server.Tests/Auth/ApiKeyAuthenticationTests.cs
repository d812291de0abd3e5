using System.Net;
using DeviceLab.Server.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests.Auth;

public sealed class ApiKeyAuthenticationTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    private ApiKeys Keys => server.Factory.Services.GetRequiredService<ApiKeys>();

    [Fact]
    public async Task A_key_works_in_either_header_and_records_when_it_was_used()
    {
        var issued = await Keys.CreateAsync("ci", DeviceLabRole.Viewer);
        Assert.StartsWith("dlk_", issued.Secret);

        using var header = server.Factory.CreateClientWith(BearerCredential.ApiKeyHeader, issued.Secret);
        using var bearer = server.Factory.CreateClientWith("Authorization", $"Bearer {issued.Secret}");

        Assert.Equal(HttpStatusCode.OK, (await header.GetAsync("/api/v1/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/status")).StatusCode);
        await using var db = server.CreateDbContext();
        var row = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == issued.Key.Id);
        Assert.NotNull(row.LastUsedAt);
        Assert.DoesNotContain(issued.Secret[SecretToken.PrefixLength..], row.Hash); // only a hash is stored
        Assert.StartsWith("hmac-sha256$", row.Hash);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once()
    {
        var issued = await Keys.CreateAsync("to-revoke", DeviceLabRole.Admin);
        using var client = server.Factory.CreateClientWith(BearerCredential.ApiKeyHeader, issued.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/status")).StatusCode);

        Assert.True(await Keys.RevokeAsync(issued.Key.Id));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/status")).StatusCode);
    }

    [Theory]
    [InlineData("dlk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // well-formed, unknown
    [InlineData("not-a-key")]
    [InlineData("dlk_")]
    public async Task A_wrong_key_is_401_not_a_login_redirect(string key)
    {
        using var client = server.Factory.CreateClientWith(BearerCredential.ApiKeyHeader, key);

        using var response = await client.GetAsync("/api/v1/status");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_key_with_its_secret_part_changed_is_refused()
    {
        var issued = await Keys.CreateAsync("tampered", DeviceLabRole.Viewer);
        var last = issued.Secret[^1] == 'A' ? 'B' : 'A';
        using var client = server.Factory.CreateClientWith(BearerCredential.ApiKeyHeader, issued.Secret[..^1] + last);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/status")).StatusCode);
    }

    [Fact]
    public async Task A_key_without_the_role_gets_403()
    {
        using var client = server.CreateClient(DeviceLabRole.Viewer);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/hangfire")).StatusCode);
    }
}
