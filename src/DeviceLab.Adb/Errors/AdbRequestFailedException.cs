namespace DeviceLab.Adb;

/// <summary>The adb server (or the device behind it) answered FAIL; <see cref="ServerMessage"/> is its text.</summary>
public class AdbRequestFailedException(string request, string serverMessage, string message)
    : AdbException(message)
{
    public AdbRequestFailedException(string request, string serverMessage)
        : this(request, serverMessage, Describe(request, serverMessage)) { }

    /// <summary>The service that was refused, e.g. <c>host:transport:SERIAL</c>.</summary>
    public string Request { get; } = request;

    /// <summary>The FAIL text exactly as the server sent it (may be empty).</summary>
    public string ServerMessage { get; } = serverMessage;

    private static string Describe(string request, string serverMessage) =>
        serverMessage.Length == 0
            ? $"adb refused '{request}' without a reason"
            : $"adb refused '{request}': {serverMessage}";
}
