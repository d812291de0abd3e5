namespace DeviceLab.Adb.Connect;

/// <summary>
/// Reads the text of <c>host:connect</c>: the server answers OKAY even when connecting failed, so success is
/// only what the words say ("connected to", "already connected to").
/// </summary>
internal static class ConnectReply
{
    public static AdbConnectResult Interpret(string address, string text)
    {
        if (text.StartsWith("already connected to", StringComparison.Ordinal)) return new AdbConnectResult(address, true, text);
        if (text.StartsWith("connected to", StringComparison.Ordinal)) return new AdbConnectResult(address, false, text);
        throw new AdbConnectException(address, text.Length == 0 ? "the server gave no reason" : text);
    }
}
