namespace DeviceLab.Server.Models;

/// <summary>An upload refused for a reason its sender can fix; <see cref="StatusCode"/> is the HTTP answer (400, 409, 413).</summary>
public sealed class ModelUploadException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;
    public string Title { get; } = title;
}
