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
