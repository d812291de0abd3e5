using System.Security.Cryptography;
using DeviceLab.Core.Models;
using DeviceLab.Server.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Server.Tests.Models;

public sealed class ArtifactStoreTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    private ArtifactStore Store => server.Factory.Services.GetRequiredService<ArtifactStore>();

    [Fact]
    public async Task Content_is_stored_once_under_its_sha256()
    {
        var bytes = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));

        await using var db = server.CreateDbContext();
        var first = await Store.ImportAsync(new MemoryStream(bytes), ArtifactKind.Agent, db);
        var second = await Store.ImportAsync(new MemoryStream(bytes), ArtifactKind.Agent, db);

        Assert.Equal(sha256, first.Sha256);
        Assert.Same(first, second);
        Assert.Equal(Path.Combine("sha256", sha256[..2], sha256), first.StoredPath);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Store.Find(sha256)!));
        Assert.Single(Directory.GetFiles(Path.Combine(Store.RootPath, "sha256"), sha256, SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(Path.Combine(Store.RootPath, "tmp")));
        await using var check = server.CreateDbContext();
        Assert.Equal(bytes.Length, (await check.Artifacts.SingleAsync(a => a.Sha256 == sha256)).SizeBytes);
    }

    [Fact]
    public async Task Content_over_the_limit_is_refused_and_nothing_is_left()
    {
        var staged = Directory.Exists(Path.Combine(Store.RootPath, "tmp")) ? Directory.GetFiles(Path.Combine(Store.RootPath, "tmp")).Length : 0;

        var error = await Assert.ThrowsAsync<ArtifactTooLargeException>(() =>
            Store.StageAsync(new MemoryStream(new byte[2 * 1024 * 1024]), maxBytes: 1024 * 1024));

        Assert.Contains("1048576 bytes", error.Message);
        Assert.Equal(staged, Directory.GetFiles(Path.Combine(Store.RootPath, "tmp")).Length);
    }

    [Theory]
    [InlineData("../../../etc/passwd")]
    [InlineData("..")]
    [InlineData("/etc/passwd")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")] // upper case is not the store's form
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde/")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    [InlineData("")]
    public void Names_that_are_not_a_sha256_never_become_paths(string name)
    {
        Assert.Throws<ArgumentException>(() => Store.PathOf(name));
        Assert.Null(Store.Find(name));
    }

    [Fact]
    public async Task Only_files_in_the_stores_temporary_folder_can_be_staged()
    {
        var outside = Path.Combine(server.DataDirectory, "outside.bin");
        await File.WriteAllBytesAsync(outside, [1, 2, 3]);

        await Assert.ThrowsAsync<ArgumentException>(() => Store.StageFileAsync(outside));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.StageFileAsync(Path.Combine(Store.RootPath, "tmp", "..", "..", "outside.bin")));
    }
}

/// <summary>Names that travel in requests — route values, query names, multipart file names — never address a file.</summary>
public sealed class ArtifactRequestTraversalTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    [Theory]
    [InlineData("/api/v1/variants/..%2F..%2F..%2Fetc%2Fpasswd/file")]
    [InlineData("/api/v1/variants/../../etc/passwd/file")]
    [InlineData("/api/v1/variants/1%2F..%2F2/file")]
    [InlineData("/api/v1/variants/-1/file")]
    public async Task Download_routes_take_variant_ids_only(string path)
    {
        using var client = server.CreateClient(DeviceLab.Server.Auth.DeviceLabRole.Admin);

        using var response = await client.GetAsync(path);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_multipart_file_name_with_a_path_does_not_place_the_file()
    {
        using var client = server.CreateClient(DeviceLab.Server.Auth.DeviceLabRole.Operator);
        var outside = Path.Combine(server.DataDirectory, "escaped.gguf");
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(ModelFiles.TinyF16), "file", "../../escaped.gguf" },
        };

        using var response = await client.PostAsync("/api/v1/models?name=traversal", form);

        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        Assert.False(File.Exists(outside));
        var sha256 = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
            .GetProperty("variants")[0].GetProperty("sha256").GetString()!;
        Assert.True(File.Exists(Path.Combine(server.DataDirectory, "artifacts", "sha256", sha256[..2], sha256)));
    }
}
