namespace DeviceLab.Adb;

/// <summary>The base of every error the adb client raises; catch this to handle any ADB failure.</summary>
public class AdbException : Exception
{
    public AdbException(string message) : base(message) { }

    public AdbException(string message, Exception? innerException) : base(message, innerException) { }
}
