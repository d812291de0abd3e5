namespace DeviceLab.Adb;

/// <summary>The peer answered something the adb protocol does not allow (or did not answer in time):
/// usually the client is pointed at a port where something other than an adb server listens.</summary>
public sealed class AdbProtocolException(string message, Exception? innerException = null)
    : AdbException(message, innerException);
