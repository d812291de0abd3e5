namespace DeviceLab.Adb;

/// <summary><c>host:connect</c> answered OKAY but its text says the connection failed.</summary>
public sealed class AdbConnectException(string address, string serverMessage)
    : AdbException($"adb could not connect to {address}: {serverMessage}")
{
    public string Address { get; } = address;

    public string ServerMessage { get; } = serverMessage;
}
