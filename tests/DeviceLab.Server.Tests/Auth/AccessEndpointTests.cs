using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeviceLab.Server.Auth;

namespace DeviceLab.Server.Tests.Auth;

/// <summary>Admins manage API keys and users over the API; the last administrator is protected.</summary>
public sealed class AccessEndpointTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    [Fact]
    public async Task An_API_key_is_created_with_a_role_shown_once_and_revoked()
    {
        using var admin = server.CreateClient(DeviceLabRole.Admin);

        using var created = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "ci-nightly", role = "operator" });
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var key = body.GetProperty("key").GetString()!;
        using var ci = server.Factory.CreateClientWith(BearerCredential.ApiKeyHeader, key);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("operator", body.GetProperty("apiKey").GetProperty("role").GetString());
        Assert.Equal(key[..12], body.GetProperty("apiKey").GetProperty("prefix").GetString());
        Assert.DoesNotContain(key, await admin.GetStringAsync("/api/v1/api-keys"));
        Assert.Equal(HttpStatusCode.OK, (await ci.GetAsync("/api/v1/models")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ci.GetAsync("/api/v1/users")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/api-keys/{body.GetProperty("apiKey").GetProperty("id").GetInt64()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ci.GetAsync("/api/v1/models")).StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":\"x\"}", "Give the key a role")]
    [InlineData("{\"name\":\"\",\"role\":\"viewer\"}", "needs a name")]
    public async Task A_key_without_a_role_or_name_is_refused(string json, string expected)
    {
        using var admin = server.CreateClient(DeviceLabRole.Admin);

        using var response = await admin.PostAsync("/api/v1/api-keys", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_user_is_created_signs_in_with_its_role_and_the_last_admin_stays()
    {
        using var admin = server.CreateClient(DeviceLabRole.Admin);

        using var created = await admin.PostAsJsonAsync("/api/v1/users", new { email = "viewer@tests.devicelab", password = "a-long-enough-password-1", role = "viewer" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var weak = await admin.PostAsJsonAsync("/api/v1/users", new { email = "weak@tests.devicelab", password = "short", role = "viewer" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("at least 12 characters", await weak.Content.ReadAsStringAsync());

        using var browser = server.Factory.CreateClient(new() { AllowAutoRedirect = false });
        await DashboardSignIn.SignInAsync(browser, "viewer@tests.devicelab", "a-long-enough-password-1");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/models")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/hangfire")).StatusCode); // a page: to /access-denied

        var users = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/users")).RootElement;
        var onlyAdmin = users.EnumerateArray().Single(u => u.GetProperty("email").GetString() == DeviceLabServerFixture.AdminEmail).GetProperty("id").GetInt64();
        using var demote = await admin.PatchAsJsonAsync($"/api/v1/users/{onlyAdmin}", new { role = "viewer" });
        using var delete = await admin.DeleteAsync($"/api/v1/users/{onlyAdmin}");
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
    }
}
