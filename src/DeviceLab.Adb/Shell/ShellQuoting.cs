using System.Text;

namespace DeviceLab.Adb.Shell;

/// <summary>
/// Quotes arguments for the device's <c>/system/bin/sh</c> (POSIX quoting). Every argument is single-quoted,
/// whatever it holds, so quotes, <c>;</c>, <c>$()</c>, backticks, globs, spaces and newlines reach the
/// program as literal bytes. Inside single quotes only <c>'</c> is special; it becomes <c>'\''</c>.
/// </summary>
public static class ShellQuoting
{
    public static string Quote(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (argument.Contains('\0'))
        {
            throw new ArgumentException("a shell argument cannot contain a NUL character (the device's exec cannot pass it)", nameof(argument));
        }
        var quoted = new StringBuilder(argument.Length + 2);
        quoted.Append('\'');
        foreach (var c in argument)
        {
            if (c == '\'') quoted.Append(@"'\''");
            else quoted.Append(c);
        }
        quoted.Append('\'');
        return quoted.ToString();
    }

    /// <summary>The quoted arguments joined by spaces: one shell command line that runs exactly these argv.</summary>
    public static string Join(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));
}
