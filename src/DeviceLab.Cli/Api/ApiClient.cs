using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace DeviceLab.Cli.Api;

/// <summary>
/// The CLI's typed client of the DeviceLab REST API: JSON in and out (web defaults, enums as snake_case text through
/// their own converters), the API key as a bearer token, and every failure turned into an <see cref="ApiException"/>
/// with one clear line. Feature commands add their calls as small extension methods (e.g. Regressions/RegressionsApi).
/// </summary>
public sealed class ApiClient : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // The server writes enums as snake_case names (q4_0, ready, waiting_for_device); types with their own converter keep it.
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    private readonly HttpClient _http;

    /// <param name="timeout">Longest wait for one whole exchange (default <see cref="DefaultTimeout"/>; uploads pass
    /// <see cref="Timeout.InfiniteTimeSpan"/> and rely on Ctrl+C).</param>
    public ApiClient(ApiEndpoint endpoint, HttpMessageHandler? handler = null, TimeSpan? timeout = null)
    {
        Endpoint = endpoint;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            BaseAddress = endpoint.Server, Timeout = timeout ?? DefaultTimeout,
        };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("devicelab-cli", Core.DeviceLabVersion.Product));
        if (endpoint.ApiKey is { } key) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    public ApiEndpoint Endpoint { get; }

    /// <summary>GET <paramref name="path"/> (relative, e.g. <c>api/v1/regressions?status=open</c>).</summary>
    public Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) => SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>Sends <paramref name="body"/> as JSON and reads the answer as <typeparamref name="T"/>.</summary>
    public Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        SendContentAsync<T>(method, path, body is null ? null : JsonContent.Create(body, body.GetType(), options: Json), cancellationToken);

    /// <summary>GET <paramref name="path"/> as text (CSV and other non-JSON answers).</summary>
    public async Task<string> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        using var response = await ExchangeAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode ? text : throw Failure(request, response, text);
    }

    /// <summary>Sends <paramref name="content"/> (disposed here; e.g. a file stream with progress) and reads the answer as <typeparamref name="T"/>.</summary>
    public async Task<T> SendContentAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await ExchangeAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw Failure(request, response, text);
        try
        {
            return JsonSerializer.Deserialize<T>(text, Json)
                   ?? throw new JsonException("the answer is JSON null");
        }
        catch (JsonException e)
        {
            throw new ApiException(ApiFailure.UnexpectedAnswer,
                $"{Describe(request)} answered with something DeviceLab does not send ({e.Message}); is {Endpoint.Server} a DeviceLab server of a matching version?",
                (int)response.StatusCode);
        }
    }

    private async Task<HttpResponseMessage> ExchangeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            var why = e.InnerException is SocketException socket ? socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused: is the server running?",
                SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "unknown host",
                SocketError.TimedOut => "connection timed out",
                _ => socket.Message,
            } : e.Message;
            throw new ApiException(ApiFailure.Unreachable,
                $"Cannot reach the DeviceLab server at {Endpoint.Server} ({why}). Set --server or {ApiEndpoint.ServerVariable}.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ApiException(ApiFailure.Unreachable,
                $"The DeviceLab server at {Endpoint.Server} did not answer {Describe(request)} within {_http.Timeout.TotalSeconds:0} s.");
        }
    }

    private ApiException Failure(HttpRequestMessage request, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var said = ProblemDetailsText.From(body);
        var saidSuffix = said is null ? "" : $": {said}";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new ApiException(ApiFailure.Unauthorized, Endpoint.ApiKey is null
                ? $"The server at {Endpoint.Server} needs an API key (401): pass --api-key or set {ApiEndpoint.ApiKeyVariable}."
                : $"The server at {Endpoint.Server} refused the API key (401){saidSuffix}. Check --api-key or {ApiEndpoint.ApiKeyVariable}.", status),
            HttpStatusCode.Forbidden => new ApiException(ApiFailure.Forbidden,
                $"The API key may not {Describe(request)} (403 Forbidden){saidSuffix}; ask an admin for a key with the needed role.", status),
            HttpStatusCode.NotFound => new ApiException(ApiFailure.NotFound, said is null
                ? $"Not found (404): {Describe(request)}; is {Endpoint.Server} a DeviceLab server of a matching version?"
                : $"Not found (404){saidSuffix}.", status),
            _ when status >= 500 => new ApiException(ApiFailure.ServerError,
                $"The DeviceLab server failed on {Describe(request)} ({status} {response.ReasonPhrase}){saidSuffix}.", status),
            _ => new ApiException(ApiFailure.Rejected, $"The server refused {Describe(request)} ({status} {response.ReasonPhrase}){saidSuffix}.", status),
        };
    }

    /// <summary>"POST /api/v1/suites/1:trigger" (HttpClient makes the request's address absolute once it is sent).</summary>
    private static string Describe(HttpRequestMessage request) =>
        $"{request.Method} /{(request.RequestUri is { IsAbsoluteUri: true } uri ? uri.PathAndQuery : request.RequestUri?.OriginalString)?.TrimStart('/')}";

    public void Dispose() => _http.Dispose();
}
