namespace DeviceLab.Adb.Forwarding;

/// <summary>Checks adb socket specs (<c>tcp:8080</c>, <c>localabstract:name</c>, …) before they go into a request.</summary>
internal static class SocketSpec
{
    public static string Validate(string spec, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec, parameterName);
        if (!spec.Contains(':') || spec.AsSpan().IndexOfAny(";\n\0 ") >= 0)
        {
            throw new ArgumentException($"'{spec}' is not an adb socket spec such as 'tcp:8080' or 'localabstract:name'", parameterName);
        }
        return spec;
    }

    public static string Tcp(int port)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return $"tcp:{port}";
    }

    /// <summary>The port adb picked for a <c>tcp:0</c> rule, or the requested port.</summary>
    public static bool AsksForAnyPort(string spec) => spec == "tcp:0";
}
