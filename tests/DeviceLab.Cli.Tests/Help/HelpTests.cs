using System.CommandLine;

namespace DeviceLab.Cli.Tests.Help;

/// <summary>Every command's --help is a man page: local or server, examples, exit codes, every option described.</summary>
public sealed class HelpTests
{
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var path in Leaves(CliApplication.BuildRootCommand(), "")) data.Add(path);
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_command_says_where_it_works_how_to_use_it_and_what_its_exit_codes_mean(string path)
    {
        var command = Find(path);
        var description = command.Description ?? "";

        if (path != "demo") Assert.Matches(@"^\[(local|server)\] ", description);
        Assert.Contains("Example", description);
        Assert.Contains("Exit codes", description);
        Assert.All(command.Options.Where(o => o.Name is not ("--help" or "--version")), o => Assert.False(string.IsNullOrWhiteSpace(o.Description), $"{path} {o.Name}"));
        Assert.All(command.Arguments, a => Assert.False(string.IsNullOrWhiteSpace(a.Description), $"{path} {a.Name}"));
    }

    [Fact]
    public void Help_prints_and_exits_0()
    {
        var run = CliRun.Invoke("runs", "wait", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Exit codes: 0 run succeeded, 1 run failed (or invalid command line), 3 run cancelled", run.Output);
        Assert.Contains("--timeout <SECONDS>", run.Output);
        Assert.Contains("[default: 3600]", run.Output);
    }

    private static Command Find(string path)
    {
        Command command = CliApplication.BuildRootCommand();
        foreach (var name in path.Split(' ')) command = command.Subcommands.Single(c => c.Name == name);
        return command;
    }

    private static IEnumerable<string> Leaves(Command command, string path)
    {
        foreach (var sub in command.Subcommands)
        {
            var subPath = path.Length == 0 ? sub.Name : $"{path} {sub.Name}";
            if (sub.Subcommands.Count == 0) yield return subPath;
            foreach (var leaf in Leaves(sub, subPath)) yield return leaf;
        }
    }
}
