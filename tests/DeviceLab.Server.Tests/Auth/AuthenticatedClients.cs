using System.Runtime.CompilerServices;
using DeviceLab.Server.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests;

/// <summary>
/// HTTP clients that act as a role or a device, with real credentials issued by the server under test:
/// <c>server.CreateClient(DeviceLabRole.Operator)</c> sends a real operator API key in <c>X-Api-Key</c>, so the request
/// goes through the same authentication and policies as in production. One key per role and server, made on first use.
/// </summary>
public static class AuthenticatedClients
{
    private static readonly ConditionalWeakTable<object, Dictionary<DeviceLabRole, string>> Keys = new();

    /// <summary>A client with an API key of <paramref name="role"/>.</summary>
    public static HttpClient CreateClient(this DeviceLabServerFixture server, DeviceLabRole role) =>
        server.Factory.CreateClient(role);

    /// <inheritdoc cref="CreateClient(DeviceLabServerFixture, DeviceLabRole)"/>
    public static HttpClient CreateClient(this WebApplicationFactory<Program> factory, DeviceLabRole role) =>
        factory.CreateClientWith(BearerCredential.ApiKeyHeader, ApiKeyOf(factory, role));

    /// <summary>The (cached) API key of <paramref name="role"/> on this server, for clients made another way (e.g. SignalR).</summary>
    public static string ApiKeyOf(this WebApplicationFactory<Program> factory, DeviceLabRole role)
    {
        var keys = Keys.GetOrCreateValue(factory);
        lock (keys)
        {
            if (keys.TryGetValue(role, out var key)) return key;
            var apiKeys = factory.Services.GetRequiredService<ApiKeys>();
            // Task.Run: no synchronization context to block on.
            key = Task.Run(() => apiKeys.CreateAsync($"test-{role.ToString().ToLowerInvariant()}", role)).GetAwaiter().GetResult().Secret;
            keys[role] = key;
            return key;
        }
    }

    /// <summary>A client authenticated as device <paramref name="deviceId"/>'s networked agent (a fresh device token).</summary>
    public static async Task<HttpClient> CreateDeviceClientAsync(this DeviceLabServerFixture server, long deviceId)
    {
        var issued = await server.Factory.Services.GetRequiredService<DeviceTokens>().IssueAsync(deviceId)
            ?? throw new InvalidOperationException($"No device {deviceId} to issue a token for.");
        return server.Factory.CreateClientWith("Authorization", $"Bearer {issued.Secret}");
    }

    /// <summary>A client that sends <paramref name="header"/>: <paramref name="value"/> with every request and follows no redirects.</summary>
    public static HttpClient CreateClientWith(this WebApplicationFactory<Program> factory, string header, string value)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.TryAddWithoutValidation(header, value);
        return client;
    }
}
