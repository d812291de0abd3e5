using System.Security.Cryptography;
using DeviceLab.Cli.Catalog;
using DeviceLab.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DeviceLab.Cli.Tests.Catalog;

/// <summary>
/// Catalog downloads against a real HTTP server on loopback (Kestrel, range requests as file servers do them): a broken
/// download keeps what it got and resumes from there; a sha256 that differs deletes the file.
/// </summary>
public sealed class CatalogDownloadTests : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new("catalog-download");
    private readonly byte[] _model = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
    private WebApplication _server = null!;
    private string _address = null!;
    private int _brokenRequests;

    public async Task InitializeAsync()
    {
        File.WriteAllBytes(_folder.Combine("model.gguf"), _model);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapGet("/model.gguf", () => Results.File(_folder.Combine("model.gguf"), "application/octet-stream", enableRangeProcessing: true));
        // The first request gets one megabyte and then the connection is cut, like a dropped Wi-Fi.
        _server.MapGet("/flaky/model.gguf", async (HttpContext context) =>
        {
            if (Interlocked.Increment(ref _brokenRequests) > 1)
                return Results.File(_folder.Combine("model.gguf"), "application/octet-stream", enableRangeProcessing: true);
            context.Response.ContentLength = _model.Length;
            await context.Response.Body.WriteAsync(_model.AsMemory(0, 1 << 20));
            await context.Response.Body.FlushAsync();
            context.Abort();
            return Results.Empty;
        });
        await _server.StartAsync();
        _address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    [Fact]
    public async Task A_download_checks_its_sha256_and_a_second_fetch_uses_the_file_in_place()
    {
        using var http = new HttpClient();
        var destination = _folder.Combine("cache", "model.gguf");
        var source = new DownloadSource($"{_address}/model.gguf", Sha256(_model), null);

        var sha = await new CatalogDownload(http).FetchAsync(source, destination, (_, _) => { }, CancellationToken.None);

        Assert.Equal(Sha256(_model), sha);
        Assert.Equal(_model, File.ReadAllBytes(destination));
        var reported = new List<long>();
        await new CatalogDownload(http).FetchAsync(source, destination, (received, _) => reported.Add(received), CancellationToken.None);
        Assert.Empty(reported); // nothing fetched again
    }

    [Fact]
    public async Task A_broken_download_keeps_what_it_got_and_the_next_one_resumes_from_there()
    {
        using var http = new HttpClient();
        var destination = _folder.Combine("cache", "flaky.gguf");
        var source = new DownloadSource($"{_address}/flaky/model.gguf", Sha256(_model), null);

        var broken = await Assert.ThrowsAsync<CatalogException>(() => new CatalogDownload(http).FetchAsync(source, destination, (_, _) => { }, CancellationToken.None));
        Assert.Contains("run again to resume from there", broken.Message);
        var kept = new FileInfo(destination + ".partial").Length;
        Assert.InRange(kept, 1, _model.Length - 1);

        var firstReport = -1L;
        await new CatalogDownload(http).FetchAsync(source, destination, (received, _) => { if (firstReport < 0) firstReport = received; }, CancellationToken.None);
        Assert.Equal(kept, firstReport); // resumed, not started over
        Assert.Equal(_model, File.ReadAllBytes(destination));
        Assert.False(File.Exists(destination + ".partial"));
    }

    [Fact]
    public async Task A_file_whose_sha256_differs_is_deleted_and_named_with_both_hashes()
    {
        using var http = new HttpClient();
        var destination = _folder.Combine("cache", "wrong.gguf");
        var expected = new string('a', 64);

        var error = await Assert.ThrowsAsync<CatalogException>(() =>
            new CatalogDownload(http).FetchAsync(new DownloadSource($"{_address}/model.gguf", expected, null), destination, (_, _) => { }, CancellationToken.None));

        Assert.Contains($"has sha256 {Sha256(_model)}, not the catalog's {expected}; it was deleted", error.Message);
        Assert.False(File.Exists(destination));
        Assert.False(File.Exists(destination + ".partial"));
    }

    [Fact]
    public async Task A_missing_file_is_one_line_with_the_status()
    {
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<CatalogException>(() => new CatalogDownload(http)
            .FetchAsync(new DownloadSource($"{_address}/gone.gguf", null, "n/a"), _folder.Combine("cache", "gone.gguf"), (_, _) => { }, CancellationToken.None));

        Assert.Equal($"Cannot download {_address}/gone.gguf: the server answered 404 Not Found.", error.Message);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }
}
