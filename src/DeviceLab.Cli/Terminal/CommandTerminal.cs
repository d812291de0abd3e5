using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace DeviceLab.Cli.Terminal;

/// <summary>
/// Where a server command writes: results (tables, or JSON with <c>--json</c>) on standard output, progress and errors on
/// standard error, so <c>devicelab runs show 12 --json | jq</c> never sees a progress bar. Progress is drawn live only
/// when standard error is a terminal; otherwise (CI logs, tests) it is a few plain lines.
/// </summary>
internal sealed class CommandTerminal
{
    /// <summary>Width of tables written to something that is not a terminal (a file, a pipe, a test).</summary>
    private const int PlainWidth = 160;

    private static readonly JsonSerializerOptions IndentedJson = new(Api.ApiClient.Json) { WriteIndented = true };

    private CommandTerminal(TextWriter output, TextWriter error, bool errorIsTerminal)
    {
        Output = output;
        Error = error;
        IsInteractive = errorIsTerminal;
        Results = Create(output, ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
        Progress = Create(error, errorIsTerminal);
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>Tables and text results (standard output).</summary>
    public IAnsiConsole Results { get; }

    /// <summary>Progress bars and status (standard error).</summary>
    public IAnsiConsole Progress { get; }

    /// <summary>Standard error is a terminal: progress is drawn live.</summary>
    public bool IsInteractive { get; }

    public static CommandTerminal For(ParseResult parseResult)
    {
        var configuration = parseResult.InvocationConfiguration;
        var error = configuration.Error;
        return new CommandTerminal(configuration.Output, error, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected);
    }

    /// <summary>Writes <paramref name="value"/> as indented JSON (the API's names and enum words) to standard output.</summary>
    public void WriteJson<T>(T value) => Output.WriteLine(JsonSerializer.Serialize(value, IndentedJson));

    /// <summary>One line on standard error: <c>error: …</c>.</summary>
    public void Fail(string message) => Error.WriteLine($"error: {message}");

    private static IAnsiConsole Create(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = PlainWidth;
        return console;
    }
}
