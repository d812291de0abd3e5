using System.Net;
using System.Net.Http.Headers;

namespace DeviceLab.Cli.Models;

/// <summary>A file as a request body, read in 1 MiB pieces and reported as it goes (so a 2 GB upload shows progress
/// and never sits in memory). The length is known up front, so the request is not chunked.</summary>
internal sealed class FileUploadContent : HttpContent
{
    private const int PieceBytes = 1 << 20;
    private readonly string _path;
    private readonly IProgress<long>? _progress;

    public FileUploadContent(string path, IProgress<long>? progress)
    {
        _path = path;
        _progress = progress;
        Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Headers.ContentLength = new FileInfo(path).Length;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, PieceBytes, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var buffer = new byte[PieceBytes];
        long sent = 0;
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            sent += read;
            _progress?.Report(sent);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = Headers.ContentLength ?? -1;
        return length >= 0;
    }
}
