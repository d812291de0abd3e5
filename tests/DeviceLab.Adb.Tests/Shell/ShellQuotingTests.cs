using System.Diagnostics;
using DeviceLab.Adb.Shell;

namespace DeviceLab.Adb.Tests.Shell;

public sealed class ShellQuotingTests
{
    /// <summary>Arguments a shell would otherwise interpret.</summary>
    public static readonly string[] HostileArguments =
    [
        "plain",
        "",
        "two words",
        "it's",
        "'",
        "''''",
        "\"double\"",
        "; rm -rf /",
        "$(id)",
        "`id`",
        "${HOME}",
        "a\nb\n",
        "tab\there",
        "*",
        "back\\slash\\",
        "&& echo pwned ||",
        "| cat",
        "> /tmp/x",
        "ünïcødé ✓",
        "-n",
    ];

    public static TheoryData<string> Hostile => new(HostileArguments);

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Every_argument_is_single_quoted(string argument)
    {
        var quoted = ShellQuoting.Quote(argument);

        Assert.StartsWith("'", quoted);
        Assert.EndsWith("'", quoted);
    }

    [Fact]
    public async Task A_posix_shell_receives_each_argument_byte_for_byte()
    {
        // The same quoting the device's sh sees, checked against this machine's /bin/sh.
        var arguments = HostileArguments;
        var command = ShellCommand.Of("printf", ["%s\\0", .. arguments]);

        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command.CommandLine);
        using var shell = Process.Start(start)!;
        var output = await shell.StandardOutput.ReadToEndAsync();
        await shell.WaitForExitAsync();

        Assert.Equal(0, shell.ExitCode);
        Assert.Equal(arguments, output.Split('\0')[..^1]);
    }

    [Fact]
    public void A_nul_character_cannot_be_passed_and_says_so()
    {
        var error = Assert.Throws<ArgumentException>(() => ShellQuoting.Quote("a\0b"));

        Assert.Contains("NUL", error.Message);
    }

    [Fact]
    public void A_command_needs_a_program()
    {
        Assert.Throws<ArgumentException>(() => ShellCommand.FromArguments([]));
    }
}
