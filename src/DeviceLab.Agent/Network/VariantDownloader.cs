using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using DeviceLab.Agent.Benchmark;
using DeviceLab.Core.AgentProtocol;

namespace DeviceLab.Agent.Network;

/// <summary>
/// Downloads variant files for network jobs into a cache named by sha256. An interrupted download resumes where it
/// stopped with an HTTP Range request; the finished file must have the announced size and sha256, otherwise it is
/// deleted and the job fails with a clear error. A file already in the cache with the right sha256 is not fetched again.
/// </summary>
public sealed class VariantDownloader(HttpClient http, string cacheDirectory, TextWriter log, int maxAttempts = 6)
{
    /// <summary>Returns the local path of the verified file.</summary>
    public async Task<string> DownloadAsync(AgentJobVariant variant, CancellationToken cancellationToken)
    {
        var sha = variant.Sha256.ToLowerInvariant();
        if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigit))
            throw new AgentInputException(AgentErrorCodes.BadArguments, $"job variant {variant.Label}: '{variant.Sha256}' is not a sha256", variant.Label);
        Directory.CreateDirectory(cacheDirectory);
        var final = Path.Combine(cacheDirectory, sha + ".gguf");
        if (File.Exists(final) && await Sha256Of(final, cancellationToken).ConfigureAwait(false) == sha) return final;

        var part = final + ".part";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await FetchAsync(variant, part, cancellationToken).ConfigureAwait(false)) break;
            }
            catch (Exception e) when (e is HttpRequestException or IOException && attempt < maxAttempts && !cancellationToken.IsCancellationRequested)
            {
                log.WriteLine($"devicelab-agent: download of {variant.Label} interrupted ({e.Message}); resuming at byte {Length(part)} (attempt {attempt + 1})");
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new AgentInputException(AgentErrorCodes.DownloadFailed, $"download of {variant.Label} from {variant.DownloadUrl} failed after {attempt} attempts: {e.Message}", variant.Label, e);
            }
            if (attempt >= maxAttempts)
                throw new AgentInputException(AgentErrorCodes.DownloadFailed, $"download of {variant.Label} from {variant.DownloadUrl} did not finish after {attempt} attempts", variant.Label);
        }

        if (variant.SizeBytes > 0 && Length(part) != variant.SizeBytes)
        {
            var got = Length(part);
            File.Delete(part);
            throw new AgentInputException(AgentErrorCodes.DownloadFailed, $"download of {variant.Label} has {got} bytes, expected {variant.SizeBytes}", variant.Label);
        }
        var actual = await Sha256Of(part, cancellationToken).ConfigureAwait(false);
        if (actual != sha)
        {
            File.Delete(part);
            throw new AgentInputException(AgentErrorCodes.Sha256Mismatch, $"sha256 of downloaded {variant.Label} is {actual}, expected {sha}", variant.Label);
        }
        File.Move(part, final, overwrite: true);
        return final;
    }

    // True when the part file now holds the whole body.
    private async Task<bool> FetchAsync(AgentJobVariant variant, string part, CancellationToken cancellationToken)
    {
        var have = Length(part);
        if (variant.SizeBytes > 0 && have == variant.SizeBytes) return true;
        if (variant.SizeBytes > 0 && have > variant.SizeBytes)
        {
            File.Delete(part);
            have = 0;
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, variant.DownloadUrl);
        if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            File.Delete(part); // the server's file is shorter than what we have: start over
            throw new IOException($"server refused range from byte {have}");
        }
        if ((int)response.StatusCode is >= 400 and < 500)
            throw new AgentInputException(AgentErrorCodes.DownloadFailed, $"download of {variant.Label} from {variant.DownloadUrl}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}", variant.Label);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");

        var append = response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == have;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (var file = new FileStream(part, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            await body.CopyToAsync(file, 1 << 16, cancellationToken).ConfigureAwait(false);
        }
        return variant.SizeBytes <= 0 || Length(part) >= variant.SizeBytes;
    }

    private static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static async Task<string> Sha256Of(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
