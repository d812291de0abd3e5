namespace DeviceLab.Server;

/// <summary>DeviceLab cannot start as configured. The message says what to change; Program prints it alone.</summary>
public sealed class DeviceLabStartupException(string message, Exception? innerException = null)
    : Exception(message, innerException);
