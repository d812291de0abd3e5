using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests.Api;

/// <summary>Until users and roles exist, the Hangfire dashboard answers requests from this machine only.</summary>
public sealed class HangfireDashboardAccessTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    [Fact]
    public async Task A_request_from_another_machine_is_refused()
    {
        // The request stays in memory; only the address the server believes it came from is set.
        using var remote = server.Factory.WithWebHostBuilder(host => host.ConfigureServices(services =>
            services.AddSingleton<IStartupFilter>(new RemoteAddress(IPAddress.Parse("192.0.2.10")))));
        using var client = remote.CreateClient();

        using var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private sealed class RemoteAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
