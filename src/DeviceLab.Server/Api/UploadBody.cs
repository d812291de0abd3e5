using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace DeviceLab.Server.Api;

/// <summary>The file of an upload request, as a stream read straight from the connection (never buffered whole):
/// the raw body (<c>curl --data-binary @model.gguf</c>), or the first file part of a multipart form
/// (<c>curl -F file=@model.gguf</c>; text fields before it are returned too).</summary>
/// <param name="Fields">Text fields of a multipart form that came before the file.</param>
/// <param name="FileName">The file name the sender gave (for messages only).</param>
public sealed record UploadBody(Stream Content, IReadOnlyDictionary<string, string> Fields, string? FileName)
{
    /// <summary>Lifts the server's request size limit for this request: the caller enforces its own while streaming.</summary>
    public static void AllowLargeBody(HttpContext context)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false }) limit.MaxRequestBodySize = null;
    }

    /// <returns>The upload, or null with <paramref name="problem"/> set when a multipart body has no file part.</returns>
    public static async Task<(UploadBody? Body, string? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ||
            !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return (new UploadBody(request.Body, new Dictionary<string, string>(), null), null);

        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return (null, "The multipart/form-data body has no boundary.");
        var reader = new MultipartReader(boundary, request.Body);
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            if (disposition.IsFileDisposition())
                return (new UploadBody(section.Body, fields, Path.GetFileName(disposition.FileName.Value?.Trim('"'))), null);
            if (disposition.IsFormDisposition() && fields.Count < 20)
            {
                // At most 4 KiB per field: names and descriptions, not a way to make the server buffer a body.
                using var text = new StreamReader(section.Body);
                var value = new char[4096];
                var length = await text.ReadBlockAsync(value, cancellationToken);
                fields[HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? ""] = new string(value, 0, length);
            }
        }
        return (null, "The multipart/form-data body has no file part: send the file as a part with a filename (curl -F file=@model.gguf).");
    }
}
