namespace DeviceLab.Cli.Api;

/// <summary>A request to the DeviceLab server that did not give an answer; <see cref="Exception.Message"/> is one line
/// a user can act on (what failed, and what to change).</summary>
public sealed class ApiException(ApiFailure failure, string message, int? statusCode = null) : Exception(message)
{
    public ApiFailure Failure { get; } = failure;

    /// <summary>The HTTP status, when the server answered.</summary>
    public int? StatusCode { get; } = statusCode;
}

/// <summary>Why a request failed.</summary>
public enum ApiFailure
{
    /// <summary>The configured server address is not a URL.</summary>
    InvalidAddress,

    /// <summary>No connection, or no answer in time.</summary>
    Unreachable,

    /// <summary>401: no API key, or one the server does not know.</summary>
    Unauthorized,

    /// <summary>403: the key's role may not do this.</summary>
    Forbidden,

    /// <summary>404: no such thing (or not a DeviceLab server).</summary>
    NotFound,

    /// <summary>4xx: the server refused the request as sent.</summary>
    Rejected,

    /// <summary>5xx: the server failed.</summary>
    ServerError,

    /// <summary>The answer is not the JSON DeviceLab sends.</summary>
    UnexpectedAnswer,
}
