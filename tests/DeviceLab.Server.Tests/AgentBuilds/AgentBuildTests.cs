using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;
using DeviceLab.Server.AgentBuilds;
using DeviceLab.Server.Auth;
using DeviceLab.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests.AgentBuilds;

/// <summary>Agent builds per ABI, with a real ELF executable of this machine (<c>/bin/true</c>) standing in for the agent.</summary>
public sealed class AgentBuildTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    private const string Executable = "/bin/true";

    private static string OwnAbi => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "arm64-v8a",
        var other => throw new PlatformNotSupportedException($"No Android ABI for {other}"),
    };

    private static string OtherAbi => OwnAbi == "x86_64" ? "arm64-v8a" : "x86_64";

    private static StreamContent Body(byte[] bytes) => new(new MemoryStream(bytes)) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } };

    [Fact]
    public async Task An_executable_for_its_ABI_is_stored_once_per_version()
    {
        using var admin = server.CreateClient(DeviceLabRole.Admin);
        var bytes = await File.ReadAllBytesAsync(Executable);

        using var created = await admin.PostAsync($"/api/v1/agent-builds?abi={OwnAbi}&version=1.2.3-test", Body(bytes));
        using var again = await admin.PostAsync($"/api/v1/agent-builds?abi={OwnAbi}&version=1.2.3-test", Body(bytes));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var build = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(OwnAbi, build.GetProperty("abi").GetString());
        Assert.Equal(bytes.Length, build.GetProperty("sizeBytes").GetInt64());
        var latest = await server.Factory.Services.GetRequiredService<AgentBuildCatalog>().LatestForAbiAsync(OwnAbi);
        Assert.NotNull(latest);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(latest.Path));
    }

    [Theory]
    [InlineData("other-abi", "not ")]
    [InlineData("text", "not an ELF executable")]
    [InlineData("unknown-abi", "is not an ABI DeviceLab knows")]
    [InlineData("bad-version", "is not a usable version")]
    public async Task A_file_no_device_could_run_is_refused_and_not_stored(string kind, string expected)
    {
        using var admin = server.CreateClient(DeviceLabRole.Admin);
        var elf = await File.ReadAllBytesAsync(Executable);
        var (query, bytes) = kind switch
        {
            "other-abi" => ($"abi={OtherAbi}", elf),
            "text" => ($"abi={OwnAbi}", "#!/bin/sh\necho not an agent\n"u8.ToArray()),
            "unknown-abi" => ("abi=mips", elf),
            _ => ($"abi={OwnAbi}&version=" + Uri.EscapeDataString("../1"), elf),
        };
        await using var db = server.CreateDbContext();
        var before = await db.Artifacts.CountAsync();

        using var response = await admin.PostAsync($"/api/v1/agent-builds?{query}", Body(bytes));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await db.Artifacts.CountAsync());
    }

    [Fact]
    public async Task A_published_agent_folder_is_imported_at_start_and_a_runtime_identifier_names_its_ABI()
    {
        using var folder = new TemporaryFolder("agent-builds");
        var rid = OwnAbi == "x86_64" ? "linux-x64" : "linux-arm64";
        Directory.CreateDirectory(folder.Combine(rid));
        var bytes = (await File.ReadAllBytesAsync(Executable)).Concat("distinct build"u8.ToArray()).ToArray();
        await File.WriteAllBytesAsync(folder.Combine(rid, "devicelab-agent"), bytes);
        Directory.CreateDirectory(folder.Combine("x86"));
        await File.WriteAllTextAsync(folder.Combine("x86", "devicelab-agent"), "not an executable"); // skipped with a warning

        await using (var host = server.Factory.WithWebHostBuilder(h => h.UseSetting("DeviceLab:AgentBuilds:Directory", folder.Path)))
        {
            _ = host.Server; // start: the registration runs
            var latest = await host.Services.GetRequiredService<AgentBuildCatalog>().LatestForAbiAsync(rid);
            Assert.NotNull(latest);
            Assert.Equal(OwnAbi, latest.Build.Abi);
            Assert.StartsWith("0.1.0+", latest.Build.Version);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(latest.Path));
        }
        await using var db = server.CreateDbContext();
        Assert.False(await db.AgentBuilds.AnyAsync(b => b.Abi == "x86"));
    }
}
