namespace DeviceLab.VirtualDevice.Services.Shell;

/// <summary>
/// A parsed shell service name: <c>shell[,arg,…]:[command]</c> (arguments <c>v2</c>, <c>raw</c>,
/// <c>pty</c>, <c>TERM=…</c>) or <c>exec:command</c> (raw, no protocol).
/// </summary>
internal sealed record ShellRequest(string Command, bool UsesShellProtocol, string? TerminalType)
{
    public static bool TryParse(string destination, out ShellRequest request)
    {
        request = null!;
        if (destination.StartsWith("exec:", StringComparison.Ordinal))
        {
            request = new ShellRequest(destination["exec:".Length..], false, null);
            return true;
        }
        if (!destination.StartsWith("shell", StringComparison.Ordinal)) return false;
        var colon = destination.IndexOf(':');
        if (colon < 0) return false;
        var head = destination[..colon];
        if (head != "shell" && !head.StartsWith("shell,", StringComparison.Ordinal)) return false;

        var usesProtocol = false;
        string? terminal = null;
        foreach (var argument in head.Split(',').Skip(1))
        {
            if (argument == "v2") usesProtocol = true;
            else if (argument.StartsWith("TERM=", StringComparison.Ordinal)) terminal = argument["TERM=".Length..];
            // raw and pty: the device has no terminal to give, so both run on pipes.
        }
        request = new ShellRequest(destination[(colon + 1)..], usesProtocol, terminal);
        return true;
    }
}
