using System.Security.Cryptography;
using DeviceLab.Agent.Benchmark;
using DeviceLab.Agent.Network;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Tests.Network;

public sealed class VariantDownloaderTests : IAsyncLifetime
{
    private readonly string _served = Directory.CreateTempSubdirectory("devicelab-served-").FullName;
    private readonly string _cache = Directory.CreateTempSubdirectory("devicelab-cache-").FullName;
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
    private TestAgentServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllBytesAsync(Path.Combine(_served, "v.gguf"), _content);
        _server = await TestAgentServer.StartAsync(_served);
        _http = new HttpClient { BaseAddress = _server.Address };
        _http.DefaultRequestHeaders.Authorization = new("Bearer", TestAgentServer.Token);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_served, true);
        Directory.Delete(_cache, true);
    }

    private AgentJobVariant Variant(string? sha = null, string name = "v.gguf") =>
        new("q4_0", $"/variants/{name}", sha ?? Convert.ToHexStringLower(SHA256.HashData(_content)), _content.Length);

    [Fact]
    public async Task A_download_cut_off_midway_resumes_with_a_range_request_and_verifies()
    {
        _server.State.CutFirstDownloadAfterBytes = 1_000_000;
        var downloader = new VariantDownloader(_http, _cache, TextWriter.Null);

        var path = await downloader.DownloadAsync(Variant(), CancellationToken.None);

        Assert.Equal(_content, await File.ReadAllBytesAsync(path));
        var ranges = _server.State.RangeHeaders.ToArray();
        Assert.Equal(2, ranges.Length);
        Assert.Null(ranges[0]);
        Assert.StartsWith("bytes=", ranges[1]);
        // Resumed from what arrived before the cut (bytes in flight at the abort are lost), not from zero.
        var resumedAt = long.Parse(ranges[1]!["bytes=".Length..].TrimEnd('-'));
        Assert.InRange(resumedAt, 1, 1_000_000);
        Assert.False(File.Exists(path + ".part"));
    }

    [Fact]
    public async Task A_cached_file_with_the_right_sha256_is_not_fetched_again()
    {
        var downloader = new VariantDownloader(_http, _cache, TextWriter.Null);
        await downloader.DownloadAsync(Variant(), CancellationToken.None);

        await downloader.DownloadAsync(Variant(), CancellationToken.None);

        Assert.Single(_server.State.RangeHeaders);
    }

    [Fact]
    public async Task A_sha256_mismatch_is_refused_and_nothing_is_kept()
    {
        var downloader = new VariantDownloader(_http, _cache, TextWriter.Null);

        var e = await Assert.ThrowsAsync<AgentInputException>(() => downloader.DownloadAsync(Variant(new string('0', 64)), CancellationToken.None));

        Assert.Equal(AgentErrorCodes.Sha256Mismatch, e.Code);
        Assert.Contains("expected 0000", e.Message);
        Assert.Empty(Directory.GetFiles(_cache));
    }

    [Fact]
    public async Task A_missing_file_on_the_server_fails_at_once_with_the_status()
    {
        var downloader = new VariantDownloader(_http, _cache, TextWriter.Null);

        var e = await Assert.ThrowsAsync<AgentInputException>(() => downloader.DownloadAsync(Variant(name: "nope.gguf"), CancellationToken.None));

        Assert.Equal(AgentErrorCodes.DownloadFailed, e.Code);
        Assert.Contains("404", e.Message);
        Assert.Single(_server.State.RangeHeaders);
    }
}
