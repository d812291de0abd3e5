namespace DeviceLab.Adb;

/// <summary>The connection ended before the operation completed: the device went away (cable pulled,
/// device process killed) or the adb server stopped. Never a success, even when some output arrived.</summary>
public sealed class AdbConnectionLostException(string? serial, string operation, string detail, Exception? innerException = null)
    : AdbException(Describe(serial, operation, detail), innerException)
{
    /// <summary>The device the operation was for, or null for a server-only request.</summary>
    public string? Serial { get; } = serial;

    /// <summary>What was going on, e.g. <c>push of 'a.bin' to '/data/local/tmp/a.bin'</c>.</summary>
    public string Operation { get; } = operation;

    private static string Describe(string? serial, string operation, string detail) =>
        serial is null
            ? $"connection to the adb server lost during {operation}: {detail}"
            : $"connection to device '{serial}' lost during {operation}: {detail}";
}
