using DeviceLab.Core.Devices;
using DeviceLab.Server.Auth;
using DeviceLab.Server.Fleet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests.Auth;

/// <summary>
/// Real credentials for every <see cref="Caller"/> of the security matrix, issued by the server under test: API keys per
/// role, a revoked key, a key never issued, tokens of two devices (<see cref="DeviceA"/> is the one routes name) and a
/// revoked token.
/// </summary>
public sealed class MatrixCallers
{
    private readonly Dictionary<Caller, (string Header, string Value)?> _credentials = [];

    private MatrixCallers(long deviceA) => DeviceA = deviceA;

    /// <summary>The device whose id goes into <c>{deviceId}</c> routes; <see cref="Caller.OwnDevice"/> holds its token.</summary>
    public long DeviceA { get; }

    public static async Task<MatrixCallers> CreateAsync(DeviceLabServerFixture server)
    {
        long a, b;
        await using (var db = server.CreateDbContext())
        {
            var host = await db.LabHosts.SingleAsync(h => h.Name == server.LabHostName);
            var run = Guid.NewGuid().ToString("N")[..8]; // each test gets devices of its own
            var deviceA = new Device { LabHostId = host.Id, Serial = $"matrix-a-{run}", Transport = DeviceTransport.Network, CreatedAt = DateTimeOffset.UtcNow };
            var deviceB = new Device { LabHostId = host.Id, Serial = $"matrix-b-{run}", Transport = DeviceTransport.Network, CreatedAt = DateTimeOffset.UtcNow };
            db.Devices.AddRange(deviceA, deviceB);
            await db.SaveChangesAsync();
            (a, b) = (deviceA.Id, deviceB.Id);
        }
        var keys = server.Factory.Services.GetRequiredService<ApiKeys>();
        var tokens = server.Factory.Services.GetRequiredService<DeviceTokens>();
        var revokedKey = await keys.CreateAsync("matrix-revoked", DeviceLabRole.Admin);
        await keys.RevokeAsync(revokedKey.Key.Id);
        var revokedToken = (await tokens.IssueAsync(a))!;
        await tokens.RevokeAsync(a, revokedToken.Token.Id);

        var callers = new MatrixCallers(a);
        callers._credentials[Caller.Anonymous] = null;
        callers._credentials[Caller.Viewer] = ApiKey(server.Factory.ApiKeyOf(DeviceLabRole.Viewer));
        callers._credentials[Caller.Operator] = ApiKey(server.Factory.ApiKeyOf(DeviceLabRole.Operator));
        callers._credentials[Caller.Admin] = ApiKey(server.Factory.ApiKeyOf(DeviceLabRole.Admin));
        callers._credentials[Caller.WrongKey] = ApiKey("dlk_" + new string('x', 43));
        callers._credentials[Caller.RevokedKey] = ApiKey(revokedKey.Secret);
        callers._credentials[Caller.OwnDevice] = Bearer((await tokens.IssueAsync(a))!.Secret);
        callers._credentials[Caller.OtherDevice] = Bearer((await tokens.IssueAsync(b))!.Secret);
        callers._credentials[Caller.RevokedDevice] = Bearer(revokedToken.Secret);
        return callers;
    }

    /// <summary>The header a caller sends, or null for <see cref="Caller.Anonymous"/>.</summary>
    public (string Header, string Value)? CredentialOf(Caller caller) => _credentials[caller];

    /// <summary>An HTTP client for the caller that follows no redirects.</summary>
    public HttpClient ClientFor(DeviceLabServerFixture server, Caller caller) => CredentialOf(caller) is { } c
        ? server.Factory.CreateClientWith(c.Header, c.Value)
        : server.Factory.CreateClient(new() { AllowAutoRedirect = false });

    private static (string, string) ApiKey(string key) => (BearerCredential.ApiKeyHeader, key);
    private static (string, string) Bearer(string token) => ("Authorization", $"Bearer {token}");
}
