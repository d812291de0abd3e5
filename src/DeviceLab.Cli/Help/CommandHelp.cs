using System.CommandLine;

namespace DeviceLab.Cli.Help;

/// <summary>
/// The parts of <c>--help</c> that every command has — whether it is local or talks to a server, examples, exit codes —
/// for the commands whose own files predate them (the engine's local tools and the regression commands). Applied once
/// when the tree is built; a command whose description already has them is left alone (docs/decisions/0122).
/// </summary>
internal static class CommandHelp
{
    private const string LocalExits = "Exit codes: 0 done, 1 invalid command line or an input file that cannot be used (the message says which and why).";

    private static readonly Dictionary<string, (bool Server, string Examples, string ExitCodes)> Pages = new(StringComparer.Ordinal)
    {
        ["models synth"] = (false, """
            devicelab models synth --shape smollm-135m --seed 1 -o smollm-135m-f16.gguf
            devicelab models synth --shape tiny --type f16 -o tiny.gguf
            """, LocalExits),
        ["models quantize"] = (false, """
            devicelab models quantize smollm-135m-f16.gguf smollm-135m-q4_0.gguf --type q4_0
            devicelab models quantize in.gguf out.gguf -t q8_0 --output-type f16 --quiet
            """, LocalExits),
        ["models inspect"] = (false, """
            devicelab models inspect smollm-135m-q4_0.gguf
            devicelab models inspect model.gguf --json | jq '.tensors | length'
            """, "Exit codes: 0 a valid GGUF file, 1 invalid command line, or not a valid GGUF (the message says what is wrong and where)."),
        ["models import-llama2c"] = (false, """
            devicelab models import-llama2c stories15M.bin --tokenizer tokenizer.bin -o stories15M.gguf
            """, LocalExits),
        ["generate"] = (false, """
            devicelab generate stories15M.gguf --prompt "Once upon a time" -n 64 --temp 0
            """, LocalExits),
        ["eval"] = (false, """
            devicelab eval model-q4_0.gguf --text wiki.txt --reference model-f16.gguf --ctx 512
            """, LocalExits),
        ["bench"] = (false, """
            devicelab bench smollm-135m-q4_0.gguf -p 128 -n 64 -r 5 -t 2
            devicelab bench model.gguf --json > bench.json
            """, LocalExits),
        ["regressions evaluate"] = (false, """
            devicelab regressions evaluate
            devicelab regressions evaluate --cv 5 --step 3 --json
            """, "Exit codes: 0 evaluated, 1 invalid command line, 2 detector options out of range."),
        ["regressions ceiling"] = (false, """
            devicelab regressions ceiling
            devicelab regressions ceiling --seed 101 --nights 240 --json
            """, "Exit codes: 0 measured, 1 invalid command line (the message names the option)."),
        ["regressions list"] = (true, """
            devicelab regressions list --status open
            devicelab regressions list --suite nightly --device-model "Pixel 8" --json
            """, "Exit codes: 0 listed, 1 invalid command line, 4 server problem (unreachable, API key refused, invalid filter)."),
        ["regressions gate"] = (true, """
            devicelab regressions gate --run 42
            devicelab regressions gate --run "$RUN" --wait 600 || exit 1
            """, ""),
    };

    private static readonly Dictionary<string, bool> Groups = new(StringComparer.Ordinal)
    {
        ["regressions"] = true,
    };

    /// <summary>Completes the help of every command of <paramref name="root"/> that needs it.</summary>
    public static void Complete(Command root)
    {
        foreach (var (path, command) in Walk(root, ""))
        {
            if (Pages.TryGetValue(path, out var page)) command.Description = Compose(command.Description ?? "", page.Server, page.Examples, page.ExitCodes);
            else if (Groups.TryGetValue(path, out var mixed) && mixed && !(command.Description ?? "").StartsWith('['))
                command.Description = "[local and server] " + command.Description;
        }
    }

    private static string Compose(string description, bool server, string examples, string exitCodes)
    {
        var text = description.StartsWith('[') ? description : $"{(server ? "[server]" : "[local]")} {description}";
        if (!text.Contains("Example", StringComparison.Ordinal))
            text += "\n\nExamples:\n" + string.Join('\n', examples.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l.Trim()));
        if (exitCodes.Length > 0 && !text.Contains("Exit codes", StringComparison.Ordinal)) text += "\n\n" + exitCodes;
        return text;
    }

    private static IEnumerable<(string Path, Command Command)> Walk(Command command, string path)
    {
        foreach (var sub in command.Subcommands)
        {
            var subPath = path.Length == 0 ? sub.Name : $"{path} {sub.Name}";
            yield return (subPath, sub);
            foreach (var nested in Walk(sub, subPath)) yield return nested;
        }
    }
}
