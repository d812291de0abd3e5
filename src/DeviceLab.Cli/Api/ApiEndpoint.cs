namespace DeviceLab.Cli.Api;

/// <summary>
/// Which DeviceLab server the CLI talks to and with which API key: <c>--server</c> / <c>DEVICELAB_SERVER</c> (default
/// <see cref="DefaultServer"/>) and <c>--api-key</c> / <c>DEVICELAB_API_KEY</c>; an option wins over its variable.
/// </summary>
/// <param name="Server">Base address, e.g. <c>http://127.0.0.1:5080/</c> (always ends with '/').</param>
/// <param name="ApiKey">The key sent as <c>Authorization: Bearer</c>; null sends none.</param>
public sealed record ApiEndpoint(Uri Server, string? ApiKey)
{
    public const string DefaultServer = "http://127.0.0.1:5080";
    public const string ServerVariable = "DEVICELAB_SERVER";
    public const string ApiKeyVariable = "DEVICELAB_API_KEY";

    /// <summary>Resolves the endpoint from option values (null when not given) and the environment.</summary>
    /// <exception cref="ApiException">The address is not an absolute http(s) URL (the message says where it came from).</exception>
    public static ApiEndpoint Resolve(string? serverOption, string? apiKeyOption, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var (server, source) = Blank(serverOption) is { } fromOption ? (fromOption, "--server")
            : Blank(environment(ServerVariable)) is { } fromVariable ? (fromVariable, ServerVariable)
            : (DefaultServer, "the default");
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ApiException(ApiFailure.InvalidAddress, $"The server address '{server}' ({source}) is not an http:// or https:// URL.");
        if (!uri.AbsolutePath.EndsWith('/')) uri = new Uri(uri.AbsoluteUri + "/");
        return new ApiEndpoint(uri, Blank(apiKeyOption) ?? Blank(environment(ApiKeyVariable)));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
