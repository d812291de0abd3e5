namespace DeviceLab.Adb.Shell;

/// <summary>
/// A command for the device's shell, always built from an argument list (program first) and never from raw
/// text, so user input cannot turn into shell syntax. For pipes or redirection, run a fixed script through
/// <c>sh -c</c> and pass the variable parts as its arguments:
/// <c>ShellCommand.Of("sh", "-c", "cat \"$1\" | wc -c", "sh", path)</c>.
/// </summary>
public sealed class ShellCommand
{
    private ShellCommand(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0) throw new ArgumentException("a shell command needs at least the program name", nameof(arguments));
        Arguments = arguments;
        CommandLine = ShellQuoting.Join(arguments);
    }

    /// <summary>The argv the device's program receives.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The quoted command line sent to the device's shell.</summary>
    public string CommandLine { get; }

    public static ShellCommand Of(string program, params IEnumerable<string> arguments) => new([program, .. arguments]);

    public static ShellCommand FromArguments(IEnumerable<string> arguments) => new([.. arguments]);

    public override string ToString() => CommandLine;
}
