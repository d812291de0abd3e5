namespace DeviceLab.Adb;

/// <summary>A networked device the server now holds a connection to.</summary>
/// <param name="Serial">The serial the device is listed under, <c>HOST:PORT</c>.</param>
/// <param name="WasAlreadyConnected">The server answered "already connected to …".</param>
/// <param name="ServerMessage">The server's text, kept verbatim.</param>
public sealed record AdbConnectResult(string Serial, bool WasAlreadyConnected, string ServerMessage);
