using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace DeviceLab.Cli.Catalog;

/// <summary>
/// Downloads a catalog file into the cache: into <c>FILE.partial</c> first, resumed with an HTTP range request when a
/// partial file exists (a broken connection costs only what was not fetched yet), then checked against the entry's sha256
/// and renamed into place. A file whose sha256 differs is deleted, never used.
/// </summary>
internal sealed class CatalogDownload(HttpClient http)
{
    private const int BufferBytes = 1 << 20;

    /// <param name="progress">(bytes so far, total bytes when the server said).</param>
    /// <returns>The sha256 of the file in place (hex, lower case).</returns>
    /// <exception cref="CatalogException">The server refused, or the sha256 is not the expected one.</exception>
    public async Task<string> FetchAsync(DownloadSource source, string destination, Action<long, long?> progress, CancellationToken cancellationToken)
    {
        if (File.Exists(destination))
        {
            var existing = await Sha256Of(destination, cancellationToken);
            if (source.Sha256 is null || existing.Equals(source.Sha256, StringComparison.OrdinalIgnoreCase)) return existing;
            File.Delete(destination); // changed upstream or damaged: fetch again
        }
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var partial = destination + ".partial";
        await ReceiveAsync(source.Url, partial, progress, cancellationToken);

        var sha256 = await Sha256Of(partial, cancellationToken);
        if (source.Sha256 is { } expected && !sha256.Equals(expected, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(partial);
            throw new CatalogException(
                $"The file from {source.Url} has sha256 {sha256}, not the catalog's {expected.ToLowerInvariant()}; it was deleted. " +
                "Run the command again; if it happens again the file changed upstream and the catalog entry needs a new sha256.");
        }
        File.Move(partial, destination, overwrite: true);
        return sha256;
    }

    private async Task ReceiveAsync(string url, string partial, Action<long, long?> progress, CancellationToken cancellationToken)
    {
        var offset = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (offset > 0) request.Headers.Range = new RangeHeaderValue(offset, null);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CatalogException($"Cannot download {url}: {e.Message}{(offset > 0 ? $" ({offset:N0} bytes kept in {partial}; run again to resume)" : "")}");
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && offset > 0) return; // the partial file is complete
            if (!response.IsSuccessStatusCode)
                throw new CatalogException($"Cannot download {url}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            var resumed = response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == offset;
            if (!resumed) offset = 0; // the server sent the whole file: start over
            var total = response.Content.Headers.ContentRange?.Length ?? (response.Content.Headers.ContentLength is { } length ? offset + length : null);

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using var file = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferBytes, useAsync: true);
            var buffer = new byte[BufferBytes];
            var received = offset;
            progress(received, total);
            try
            {
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    received += read;
                    progress(received, total);
                }
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                throw new CatalogException($"The download of {url} broke off after {received:N0} bytes ({e.Message}); run again to resume from there.");
            }
            if (total is { } expectedBytes && received != expectedBytes)
                throw new CatalogException($"The download of {url} ended after {received:N0} of {expectedBytes:N0} bytes; run again to resume from there.");
        }
    }

    internal static async Task<string> Sha256Of(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }
}
