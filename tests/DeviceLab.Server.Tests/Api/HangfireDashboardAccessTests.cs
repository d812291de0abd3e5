using System.Net;
using DeviceLab.Server.Auth;

namespace DeviceLab.Server.Tests.Api;

/// <summary>The Hangfire dashboard is for administrators only — wherever the request comes from.</summary>
public sealed class HangfireDashboardAccessTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    [Fact]
    public async Task An_administrator_opens_it()
    {
        using var client = server.CreateClient(DeviceLabRole.Admin);

        using var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("DeviceLab jobs", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_operator_is_refused_even_from_this_machine()
    {
        using var client = server.CreateClient(DeviceLabRole.Operator);

        using var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Someone_not_signed_in_is_sent_to_the_login_page()
    {
        using var client = server.Factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?returnUrl=%2Fhangfire", response.Headers.Location!.PathAndQuery);
    }
}
